package fr.cpa.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.scheduler.Scheduled;

/**
 * The event ids each consumer has processed ({@code platform_processed_event}), so that a redelivered event has
 * no second effect.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final DataSource dataSource;
    private final OutboxConfig config;

    ProcessedEvents(DataSource dataSource, OutboxConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Records that the consumer processes the event, and says whether this is the first time. Runs in the
     * caller's transaction: the id is recorded if and only if the handler's effect commits. A concurrent
     * delivery of the same event waits for the first one's transaction, then gets false.
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO platform_processed_event (consumer, event_id) VALUES (?, ?)
                        ON CONFLICT DO NOTHING""")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event " + eventId + " as processed by " + consumer, e);
        }
    }

    @Scheduled(identity = "cpa-processed-events-purge", every = "${cpa.outbox.purge-interval}")
    @Transactional
    void purge() throws SQLException {
        Purge.olderThan(dataSource, "platform_processed_event", "processed_at", config.processedRetention());
    }
}
