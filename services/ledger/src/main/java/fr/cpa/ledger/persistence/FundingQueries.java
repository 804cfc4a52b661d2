package fr.cpa.ledger.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads what a holder can spend on a training application: balances less holds and others' earmarks, and its top-ups. */
@ApplicationScoped
public class FundingQueries {

    /**
     * One account of the holder.
     *
     * @param free balance − pending − every earmarked top-up (none of them belongs to any application but its own)
     */
    public record AccountFunds(String kind, String unit, long available, long free, String personKey) {
    }

    /** A top-up earmarked for the application, with what no reservation or settlement took of it yet. */
    public record OpenTopUp(UUID id, String funderType, String funderName, long remaining) {
    }

    private final DataSource dataSource;

    FundingQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The holder's open accounts; empty before the registration is validated. */
    public List<AccountFunds> accounts(UUID holderId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT kind, unit, balance - pending, balance - pending - earmarked, person_key FROM account
                        WHERE holder_id = ? AND closed_on IS NULL""")) {
            select.setObject(1, holderId);
            List<AccountFunds> accounts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new AccountFunds(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4), rows.getString(5)));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the accounts", e);
        }
    }

    /** The application's top-ups on the holder's CPF that still have money for it, oldest first. */
    public List<OpenTopUp> openTopUps(UUID holderId, UUID applicationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT t.id, t.funder_type, t.funder_name, t.amount - t.used - t.returned - t.kept - t.held
                        FROM top_up t JOIN account a ON a.id = t.account_id
                        WHERE a.holder_id = ? AND a.kind = 'CPF' AND t.application_id = ?
                          AND t.amount - t.used - t.returned - t.kept - t.held > 0
                        ORDER BY t.created_at, t.id""")) {
            select.setObject(1, holderId);
            select.setObject(2, applicationId);
            List<OpenTopUp> topUps = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    topUps.add(new OpenTopUp(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getLong(4)));
                }
            }
            return topUps;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the top-ups", e);
        }
    }
}
