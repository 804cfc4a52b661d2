package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.ledger.domain.rules.Unit;

/** A person's three accounts, opened on first need (a declaration, a registration) and never duplicated. */
@ApplicationScoped
public class Accounts {

    private final DataSource dataSource;

    Accounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Notes a birth date known only approximately (from a NIR) where no better one is known yet; the holder's own,
     * announced by identity, replaces it.
     */
    @Transactional(TxType.MANDATORY)
    public void noteApproximateBirthDate(String personKey, LocalDate birthDate) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET birth_date = ? WHERE person_key = ? AND birth_date IS NULL")) {
            update.setObject(1, birthDate);
            update.setString(2, personKey);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not note a birth date", e);
        }
    }

    /** Closes the person's accounts from the date of death (opening them if unknown, so the date is kept). */
    @Transactional(TxType.MANDATORY)
    public void closeOnDeath(String personKey, LocalDate dateOfDeath) {
        open(personKey);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET closed_on = ? WHERE person_key = ?")) {
            update.setObject(1, dateOfDeath);
            update.setString(2, personKey);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close the accounts of a person", e);
        }
    }

    /**
     * Accounts whose balance, in hours, was converted (or was empty) now count in euros. Their journal keeps each
     * entry's own unit.
     */
    @Transactional(TxType.MANDATORY)
    public void switchToEuros(Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET unit = 'EURO_CENTS' WHERE id = ANY(?)")) {
            update.setArray(1, connection.createArrayOf("uuid", accountIds.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not switch accounts to euros", e);
        }
    }

    /** The ids of the person's CPF, CEC and CPP accounts, opening those missing. Safe under concurrency. */
    @Transactional(TxType.MANDATORY)
    public Map<AccountKind, UUID> open(String personKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO account (id, person_key, kind, unit) VALUES (?, ?, ?, ?)
                        ON CONFLICT (person_key, kind) DO NOTHING""");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT kind, id FROM account WHERE person_key = ?")) {
            for (AccountKind kind : AccountKind.values()) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, personKey);
                insert.setString(3, kind.name());
                insert.setString(4, kind.initialUnit().name());
                insert.addBatch();
            }
            insert.executeBatch();
            select.setString(1, personKey);
            Map<AccountKind, UUID> ids = new EnumMap<>(AccountKind.class);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(AccountKind.valueOf(rows.getString(1)), rows.getObject(2, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open the accounts of a person", e);
        }
    }

    /** The unit the account's balance is in now. */
    public Unit unitOf(UUID accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT unit FROM account WHERE id = ?")) {
            select.setObject(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("No account " + accountId);
                }
                return Unit.valueOf(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an account", e);
        }
    }

    /**
     * Attaches the holder to the person's accounts (opening them if no declaration did yet), with their exact birth
     * date. Idempotent.
     */
    @Transactional(TxType.MANDATORY)
    public void linkHolder(String personKey, UUID holderId, LocalDate birthDate) {
        open(personKey);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET holder_id = ?, birth_date = ? WHERE person_key = ?")) {
            update.setObject(1, holderId);
            update.setObject(2, birthDate);
            update.setString(3, personKey);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not link a holder to their accounts", e);
        }
    }
}
