package fr.cpa.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Reads a person's accounts from the database, and checks that what is materialised agrees with its sources. */
final class LedgerState {

    /** An account's totals, in its unit. */
    record Totals(String unit, long balance, long pending, long toppedUp, long earmarked) {
        long available() {
            return balance - pending;
        }
    }

    private final DataSource dataSource;

    LedgerState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Totals of(String personKey, String kind) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT unit, balance, pending, topped_up, earmarked FROM account
                        WHERE person_key = ? AND kind = ?""")) {
            select.setString(1, personKey);
            select.setString(2, kind);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the person has a " + kind + " account");
                return new Totals(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes directly, for a state the API cannot reach in a test (an account closed by a death). */
    void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For each of the person's accounts: balance and pending are the journal's sums, pending is what the open
     * reservations hold, nothing is below zero, and topped_up and earmarked are what the top-ups leave.
     */
    void assertConsistent(String personKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT a.kind, a.balance, a.pending, a.topped_up, a.earmarked,
                            (SELECT coalesce(sum(amount), 0) FROM account_entry WHERE account_id = a.id),
                            (SELECT coalesce(sum(pending_amount), 0) FROM account_entry WHERE account_id = a.id),
                            (SELECT coalesce(sum(amount), 0) FROM funds_reservation
                                WHERE account_id = a.id AND status = 'PENDING'),
                            (SELECT coalesce(sum(amount - used - returned - kept), 0) FROM top_up WHERE account_id = a.id),
                            (SELECT coalesce(sum(amount - used - returned - kept - held), 0) FROM top_up
                                WHERE account_id = a.id AND application_id IS NOT NULL)
                        FROM account a WHERE a.person_key = ?""")) {
            select.setString(1, personKey);
            int accounts = 0;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    accounts++;
                    String kind = row.getString(1);
                    assertEquals(row.getLong(6), row.getLong(2), kind + ": balance = sum of the journal");
                    assertEquals(row.getLong(7), row.getLong(3), kind + ": pending = sum of the journal's pending");
                    assertEquals(row.getLong(8), row.getLong(3), kind + ": pending = open reservations");
                    assertEquals(row.getLong(9), row.getLong(4), kind + ": topped_up = top-ups not spent nor returned");
                    assertEquals(row.getLong(10), row.getLong(5), kind + ": earmarked = application top-ups not held");
                    assertTrue(row.getLong(2) - row.getLong(3) >= 0, kind + ": available balance not negative");
                    assertTrue(row.getLong(4) <= row.getLong(2), kind + ": top-ups are part of the balance");
                }
            }
            assertEquals(3, accounts, "the person's three accounts");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long countAccounts(String personKey) {
        return count("SELECT count(*) FROM account WHERE person_key = ?", personKey);
    }

    long count(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
