package fr.cpa.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
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

    private final DataSource dataSource;

    Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
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
        EventEnvelope envelope = EventEnvelope.of(event);
        // Agroal hands out the connection enlisted in the current JTA transaction, the one Hibernate uses too.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))");
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO platform_outbox_event (event_id, topic, key, type, version, headers, payload)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")) {
            lock.setInt(1, SUBJECT_LOCK_SPACE);
            lock.setString(2, envelope.subjectKey());
            lock.execute();
            insert.setObject(1, envelope.id());
            insert.setString(2, topic);
            insert.setString(3, envelope.subjectKey());
            insert.setString(4, envelope.type());
            insert.setInt(5, envelope.version());
            insert.setString(6, EventJson.MAPPER.writeValueAsString(envelope.kafkaHeaders()));
            insert.setString(7, envelope.toJson());
            insert.executeUpdate();
            return envelope;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not append event " + envelope.type() + " " + envelope.id()
                    + " to the outbox", e);
        }
    }
}
