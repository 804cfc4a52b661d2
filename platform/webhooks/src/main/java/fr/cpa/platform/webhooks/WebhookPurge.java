package fr.cpa.platform.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Deletes ended deliveries (delivered, failed, cancelled) older than {@code cpa.webhooks.retention}, their attempts
 * with them, and forgets creations' idempotency keys after a day. Subscriptions are kept (deactivated ones without
 * their secrets) as the record of who was sent what.
 */
@ApplicationScoped
public class WebhookPurge {

    private static final Logger LOG = Logger.getLogger(WebhookPurge.class);
    private static final int CHUNK = 5000;

    private final DataSource dataSource;
    private final WebhooksConfig config;

    WebhookPurge(DataSource dataSource, WebhooksConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(identity = "cpa-webhooks-purge", every = "${cpa.webhooks.purge-interval}", delayed = "1m",
            concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = WebhooksDisabled.class)
    void scheduled() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                LOG.infof("Webhook purge: %d ended deliveries deleted", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook purge stopped: %s", e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Deletes what is past its retention, in chunks of a transaction each; answers how many deliveries went. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(this::deleteChunk);
            total += deleted;
        } while (deleted == CHUNK);
        QuarkusTransaction.requiringNew().run(this::forgetCreationKeys);
        return total;
    }

    private int deleteChunk() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                        DELETE FROM platform_webhook_delivery WHERE id IN (
                            SELECT id FROM platform_webhook_delivery
                             WHERE ended_at < clock_timestamp() - make_interval(secs => ?) LIMIT ?)""")) {
            delete.setDouble(1, config.retention().toSeconds());
            delete.setInt(2, CHUNK);
            return delete.executeUpdate();
        }
    }

    private void forgetCreationKeys() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE platform_webhook_subscription SET creation_key = NULL, creation_hash = NULL
                         WHERE creation_key IS NOT NULL
                           AND created_at < clock_timestamp() - make_interval(secs => ?)""")) {
            update.setDouble(1, WebhookSubscriptions.CREATION_KEY_RETENTION.toSeconds());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget webhook creation keys", e);
        }
    }
}
