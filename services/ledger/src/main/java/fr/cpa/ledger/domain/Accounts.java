package fr.cpa.ledger.domain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
     * Opens the persons' accounts where missing, with the birth date their NIR suggests, and notes that date on their
     * existing accounts that have none; the holder's own, announced by identity, replaces it. In one statement
     * each, and in person-key order so that two transactions opening overlapping sets never wait on each other in a
     * cycle.
     */
    @Transactional(TxType.MANDATORY)
    public void openDeclared(Map<String, LocalDate> approximateBirthDates) {
        TreeMap<String, LocalDate> sorted = new TreeMap<>(approximateBirthDates);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE account SET birth_date = noted.birth_date
                        FROM unnest(?::varchar[], ?::date[]) AS noted(person_key, birth_date)
                        WHERE account.person_key = noted.person_key AND account.birth_date IS NULL""")) {
            Array keys = connection.createArrayOf("varchar", sorted.keySet().toArray());
            Array birthDates = connection.createArrayOf("varchar",
                    sorted.values().stream().map(LocalDate::toString).toArray());
            insertMissing(connection, keys, birthDates);
            update.setArray(1, keys);
            update.setArray(2, birthDates);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open the accounts of declared persons", e);
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
                PreparedStatement select = connection.prepareStatement(
                        "SELECT kind, id FROM account WHERE person_key = ?")) {
            insertMissing(connection, connection.createArrayOf("varchar", new Object[] { personKey }),
                    connection.createArrayOf("varchar", new Object[] { null }));
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

    /** The person's birth date as the accounts know it, if known. */
    public Optional<LocalDate> birthDate(String personKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT birth_date FROM account WHERE person_key = ? AND kind = 'CPF'")) {
            select.setString(1, personKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getObject(1, LocalDate.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a birth date", e);
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

    /** The three accounts of each person that has none of that kind yet, with its birth date (or null). */
    private static void insertMissing(Connection connection, Array personKeys, Array birthDates) throws SQLException {
        AccountKind[] kinds = AccountKind.values();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO account (id, person_key, kind, unit, birth_date)
                SELECT gen_random_uuid(), person.key, kind.name, kind.unit, person.birth_date
                FROM unnest(?::varchar[], ?::date[]) AS person(key, birth_date)
                    CROSS JOIN unnest(?::varchar[], ?::varchar[]) AS kind(name, unit)
                ORDER BY person.key, kind.name
                ON CONFLICT (person_key, kind) DO NOTHING""")) {
            insert.setArray(1, personKeys);
            insert.setArray(2, birthDates);
            insert.setArray(3, connection.createArrayOf("varchar", Arrays.stream(kinds).map(Enum::name).toArray()));
            insert.setArray(4, connection.createArrayOf("varchar",
                    Arrays.stream(kinds).map(kind -> kind.initialUnit().name()).toArray()));
            insert.executeUpdate();
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
