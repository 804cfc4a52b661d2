package fr.cpa.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The transactional outbox: events are written to {@code platform_outbox_event} in the caller's transaction,
 * so they exist if and only if the change that caused them commits; {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    /** First half of the advisory lock taken per subject key; the relay's single-key lock is another key space. */
    static final int SUBJECT_LOCK_SPACE = 0x63706131;

    /** From this many events, COPY is used (in list order, so positions follow it). */
    private static final int COPY_FROM = 64;

    /** Marks a transaction whose commit already wakes the relay. */
    private static final Object WAKES_RELAY = new Object();

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Records the event for publication on the topic, keyed by its subject key. Needs a transaction: without
     * one the event could outlive a rolled-back change.
     *
     * <p>Transactions appending for the same subject key are serialised from this call to their end, so that
     * outbox positions, hence the published order, follow the commit order of one person's events.
     */
    @Transactional(TxType.MANDATORY)
    public EventEnvelope append(String topic, DomainEvent event) {
        return appendAll(topic, List.of(event)).get(0);
    }

    /**
     * Records the events in one statement, in list order: what a bulk writer (a yearly accrual) uses instead of one
     * round trip per event. Same guarantees as {@link #append}; the subject keys' locks are taken in one sorted order
     * so that two bulk writers cannot deadlock.
     */
    @Transactional(TxType.MANDATORY)
    public List<EventEnvelope> appendAll(String topic, List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        wakeRelayOnCommit();
        List<EventEnvelope> envelopes = events.stream().map(EventEnvelope::of).toList();
        int n = envelopes.size();
        Object[] ids = new Object[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        Integer[] versions = new Integer[n];
        String[] headers = new String[n];
        String[] payloads = new String[n];
        try {
            for (int i = 0; i < n; i++) {
                EventEnvelope envelope = envelopes.get(i);
                ids[i] = envelope.id();
                keys[i] = envelope.subjectKey();
                types[i] = envelope.type();
                versions[i] = envelope.version();
                headers[i] = EventJson.MAPPER.writeValueAsString(envelope.kafkaHeaders());
                payloads[i] = envelope.toJson();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write events to the outbox", e);
        }
        // Agroal hands out the connection enlisted in the current JTA transaction, the one Hibernate uses too.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("""
                        SELECT count(pg_advisory_xact_lock(?, h))
                        FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(?::text[]) AS t(k) ORDER BY 1) AS sorted""");
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO platform_outbox_event (event_id, topic, key, type, version, headers, payload)
                        SELECT id, ?, key, type, version, headers::jsonb, payload::jsonb
                        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                            WITH ORDINALITY AS t(id, key, type, version, headers, payload, position)
                        ORDER BY position""")) {
            lock.setInt(1, SUBJECT_LOCK_SPACE);
            lock.setArray(2, connection.createArrayOf("text", keys));
            lock.execute();
            if (n >= COPY_FROM) {
                CopyRows rows = new CopyRows(n);
                for (int i = 0; i < n; i++) {
                    rows.value(ids[i]).text(topic).text(keys[i]).text(types[i]).value(versions[i]).text(headers[i])
                            .text(payloads[i]).endRow();
                }
                rows.copyInto(connection, "platform_outbox_event", "event_id, topic, key, type, version, headers, payload");
                return envelopes;
            }
            insert.setString(1, topic);
            insert.setArray(2, connection.createArrayOf("uuid", ids));
            insert.setArray(3, connection.createArrayOf("text", keys));
            insert.setArray(4, connection.createArrayOf("text", types));
            insert.setArray(5, connection.createArrayOf("int4", versions));
            insert.setArray(6, connection.createArrayOf("text", headers));
            insert.setArray(7, connection.createArrayOf("text", payloads));
            insert.executeUpdate();
            return envelopes;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append " + n + " event(s) of type " + types[0] + " to the outbox",
                    e);
        }
    }

    /** Once the transaction commits, the relay publishes at once instead of at its next scheduled run. */
    private void wakeRelayOnCommit() {
        if (transactions.getResource(WAKES_RELAY) != null) {
            return;
        }
        transactions.putResource(WAKES_RELAY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing before: the events are written with the change.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
