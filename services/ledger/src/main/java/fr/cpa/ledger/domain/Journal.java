package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends entries to the journal and keeps each account's materialised balance and pending total equal to the sums
 * of its entries, in the caller's transaction. An entry whose id is already written is skipped (a retry), and a
 * change that would make an available balance negative is refused by the database itself.
 */
@ApplicationScoped
public class Journal {

    private final DataSource dataSource;
    private final ObjectMapper json;

    Journal(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** True when written, false when an entry with this id already was. */
    @Transactional(TxType.MANDATORY)
    public boolean append(NewEntry entry) {
        try (Connection connection = dataSource.getConnection()) {
            if (!insert(connection, entry)) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account SET balance = balance + ?, pending = pending + ? WHERE id = ?")) {
                update.setLong(1, entry.amount());
                update.setLong(2, entry.pendingAmount());
                update.setObject(3, entry.accountId());
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("No account " + entry.accountId());
                }
            }
            return true;
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) {
                // check_violation: the available balance would go below zero.
                throw new InsufficientFundsException();
            }
            throw new IllegalStateException("Could not append a journal entry", e);
        }
    }

    /**
     * Writes an entry whose effect the caller has already applied to the account's totals in this transaction (a
     * conditional update that both checks and holds funds in one statement).
     */
    @Transactional(TxType.MANDATORY)
    public boolean recordApplied(NewEntry entry) {
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, entry);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append a journal entry", e);
        }
    }

    private boolean insert(Connection connection, NewEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO account_entry (id, account_id, kind, amount, pending_amount, unit, effective_date,
                    rule, rule_year, explanation, inputs, reservation_id, linked_entry_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (id) DO NOTHING""")) {
            insert.setObject(1, entry.id());
            insert.setObject(2, entry.accountId());
            insert.setString(3, entry.kind().name());
            insert.setLong(4, entry.amount());
            insert.setLong(5, entry.pendingAmount());
            insert.setString(6, entry.unit().name());
            insert.setDate(7, Date.valueOf(entry.effectiveDate()));
            insert.setString(8, entry.rule());
            if (entry.ruleYear() == null) {
                insert.setNull(9, Types.INTEGER);
            } else {
                insert.setInt(9, entry.ruleYear());
            }
            insert.setString(10, entry.explanation());
            insert.setString(11, inputsJson(entry));
            insert.setObject(12, entry.reservationId());
            insert.setObject(13, entry.linkedEntryId());
            return insert.executeUpdate() == 1;
        }
    }

    private String inputsJson(NewEntry entry) {
        try {
            return json.writeValueAsString(entry.inputs() == null ? Map.of() : entry.inputs());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Entry inputs are not serialisable", e);
        }
    }
}
