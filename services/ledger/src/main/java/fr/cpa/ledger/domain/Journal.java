package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.events.CopyRows;

/**
 * Appends entries to the journal and keeps each account's materialised balance and pending total equal to the sums
 * of its entries, in the caller's transaction. An entry whose id is already written is skipped (a retry), and a
 * change that would make an available balance negative is refused by the database itself.
 */
@ApplicationScoped
public class Journal {

    /** From this many entries, COPY is used: several times faster than an INSERT of arrays for big batches. */
    private static final int COPY_FROM = 64;

    private final DataSource dataSource;
    private final ObjectMapper json;

    Journal(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** True when written, false when an entry with this id already was. */
    @Transactional(TxType.MANDATORY)
    public boolean append(NewEntry entry) {
        return !appendAll(List.of(entry)).isEmpty();
    }

    /**
     * Appends the entries in one statement and applies their amounts to the accounts in a second one: what a bulk
     * writer (the yearly accrual) uses instead of two round trips per entry. Answers the ids written, leaving out
     * those already there (a retry); the accounts change only by the entries written.
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> appendAll(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<UUID> written = entries.size() >= COPY_FROM ? copyAll(connection, entries) : insertAll(connection, entries);
            // One change per account (an UPDATE ... FROM applies only one row per target row).
            Map<UUID, long[]> changes = new LinkedHashMap<>();
            for (NewEntry entry : entries) {
                if (written.contains(entry.id())) {
                    long[] change = changes.computeIfAbsent(entry.accountId(), id -> new long[2]);
                    change[0] = Math.addExact(change[0], entry.amount());
                    change[1] = Math.addExact(change[1], entry.pendingAmount());
                }
            }
            if (changes.isEmpty()) {
                return written;
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE account SET balance = balance + c.delta, pending = pending + c.held
                    FROM unnest(?::uuid[], ?::bigint[], ?::bigint[]) AS c(account_id, delta, held)
                    WHERE account.id = c.account_id""")) {
                update.setArray(1, connection.createArrayOf("uuid", changes.keySet().toArray()));
                update.setArray(2, connection.createArrayOf("int8",
                        changes.values().stream().map(c -> c[0]).toArray()));
                update.setArray(3, connection.createArrayOf("int8",
                        changes.values().stream().map(c -> c[1]).toArray()));
                if (update.executeUpdate() != changes.size()) {
                    throw new IllegalStateException("An entry names an account that does not exist");
                }
            }
            return written;
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) {
                // check_violation: an available balance would go below zero.
                throw new InsufficientFundsException();
            }
            throw new IllegalStateException("Could not append journal entries", e);
        }
    }

    /**
     * Writes an entry whose effect the caller has already applied to the account's totals in this transaction (a
     * conditional update that both checks and holds funds in one statement).
     */
    @Transactional(TxType.MANDATORY)
    public boolean recordApplied(NewEntry entry) {
        try (Connection connection = dataSource.getConnection()) {
            return !insertAll(connection, List.of(entry)).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append a journal entry", e);
        }
    }

    private Set<UUID> insertAll(Connection connection, List<NewEntry> entries) throws SQLException {
        int n = entries.size();
        Object[][] columns = new Object[13][n];
        for (int i = 0; i < n; i++) {
            NewEntry entry = entries.get(i);
            columns[0][i] = entry.id();
            columns[1][i] = entry.accountId();
            columns[2][i] = entry.kind().name();
            columns[3][i] = entry.amount();
            columns[4][i] = entry.pendingAmount();
            columns[5][i] = entry.unit().name();
            columns[6][i] = Date.valueOf(entry.effectiveDate());
            columns[7][i] = entry.rule();
            columns[8][i] = entry.ruleYear();
            columns[9][i] = entry.explanation();
            columns[10][i] = inputsJson(entry);
            columns[11][i] = entry.reservationId();
            columns[12][i] = entry.linkedEntryId();
        }
        String[] types = { "uuid", "uuid", "text", "int8", "int8", "text", "date", "text", "int4", "text", "text", "uuid",
                "uuid" };
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO account_entry (id, account_id, kind, amount, pending_amount, unit, effective_date,
                    rule, rule_year, explanation, inputs, reservation_id, linked_entry_id)
                SELECT id, account_id, kind, amount, pending_amount, unit, effective_date, rule, rule_year, explanation,
                    inputs::jsonb, reservation_id, linked_entry_id
                FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::date[], ?::text[],
                    ?::int4[], ?::text[], ?::text[], ?::uuid[], ?::uuid[])
                    AS t(id, account_id, kind, amount, pending_amount, unit, effective_date, rule, rule_year,
                        explanation, inputs, reservation_id, linked_entry_id)
                ON CONFLICT (id) DO NOTHING
                RETURNING id""")) {
            for (int c = 0; c < columns.length; c++) {
                insert.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
            }
            Set<UUID> written = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    written.add(rows.getObject(1, UUID.class));
                }
            }
            return written;
        }
    }

    /**
     * Writes the entries not already there with COPY. Unlike an INSERT, COPY cannot skip existing ids, so they are
     * looked up first; an entry id is derived from its cause and only the writer of that cause writes it, so none can
     * appear in between (if one did, COPY would fail and the transaction roll back, to be retried).
     */
    private Set<UUID> copyAll(Connection connection, List<NewEntry> entries) throws SQLException {
        Set<UUID> existing = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM account_entry WHERE id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", entries.stream().map(NewEntry::id).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    existing.add(rows.getObject(1, UUID.class));
                }
            }
        }
        Set<UUID> written = new HashSet<>();
        CopyRows rows = new CopyRows(entries.size());
        for (NewEntry entry : entries) {
            if (existing.contains(entry.id()) || !written.add(entry.id())) {
                continue;
            }
            rows.value(entry.id()).value(entry.accountId()).value(entry.kind()).value(entry.amount())
                    .value(entry.pendingAmount()).value(entry.unit()).value(entry.effectiveDate()).text(entry.rule())
                    .value(entry.ruleYear()).text(entry.explanation()).text(inputsJson(entry))
                    .value(entry.reservationId()).value(entry.linkedEntryId()).endRow();
        }
        rows.copyInto(connection, "account_entry", """
                id, account_id, kind, amount, pending_amount, unit, effective_date, rule, rule_year, explanation, inputs,
                reservation_id, linked_entry_id""");
        return written;
    }

    private String inputsJson(NewEntry entry) {
        try {
            return json.writeValueAsString(entry.inputs() == null ? Map.of() : entry.inputs());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Entry inputs are not serialisable", e);
        }
    }
}
