package fr.cpa.platform.webhooks;

import static fr.cpa.platform.webhooks.WebhookSubscriptions.instant;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The deliveries of one of a partner's subscriptions, with the log of their attempts, and their replays. Like
 * {@link WebhookSubscriptions}, every method takes the owner and finds only that owner's active subscriptions.
 */
@ApplicationScoped
public class WebhookDeliveries {

    /**
     * A delivery: {@code status} PENDING (to be tried at {@code nextAttemptAt}), DELIVERED, FAILED (given up) or
     * CANCELLED (its subscription ended); {@code replayOf} names the delivery a replay copies.
     */
    public record Delivery(UUID id, UUID subscriptionId, String eventId, String eventType, String status,
            int attempts, Instant createdAt, Instant nextAttemptAt, Instant endedAt, UUID replayOf,
            List<Attempt> log) {
    }

    /**
     * One attempt: the receiver's HTTP status, or the class of the failure when it gave none (ConnectException,
     * HttpTimeoutException...), how long it took, and at most the first 200 characters of the receiver's answer.
     */
    public record Attempt(Instant at, Integer statusCode, String error, int durationMs, String responseExcerpt) {
    }

    /** A page of deliveries, newest first, and how many the subscription has in all. */
    public record DeliveryPage(List<Delivery> items, long total) {
    }

    private static final String COLUMNS = """
            id, subscription_id, event_id, event_type, status, attempts, created_at,
            CASE WHEN status = 'PENDING' THEN next_attempt_at END, ended_at, replay_of""";

    private final DataSource dataSource;

    WebhookDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page of the subscription's deliveries, newest first; empty when the owner has no such subscription. */
    @Transactional
    public Optional<DeliveryPage> page(String owner, UUID subscriptionId, long offset, int size) {
        if (offset < 0 || size < 1) {
            throw new IllegalArgumentException("offset >= 0 and size >= 1");
        }
        try (Connection connection = dataSource.getConnection()) {
            if (WebhookSubscriptions.find(connection, owner, subscriptionId, false).isEmpty()) {
                return Optional.empty();
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM platform_webhook_delivery WHERE subscription_id = ?")) {
                count.setObject(1, subscriptionId);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Delivery> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                    \sFROM platform_webhook_delivery WHERE subscription_id = ?
                     ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")) {
                select.setObject(1, subscriptionId);
                select.setInt(2, size);
                select.setLong(3, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(delivery(rows, List.of()));
                    }
                }
            }
            return Optional.of(new DeliveryPage(withAttempts(connection, items), total));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook deliveries", e);
        }
    }

    /**
     * Sends a delivery of the subscription again: a new delivery copying its body, with its own attempts, under the
     * same {@code webhook-id} so the receiver can tell it already has it. Empty when the owner has no such
     * subscription or it no such delivery.
     */
    @Transactional
    public Optional<Delivery> replay(String owner, UUID subscriptionId, UUID deliveryId) {
        try (Connection connection = dataSource.getConnection()) {
            if (WebhookSubscriptions.find(connection, owner, subscriptionId, true).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO platform_webhook_delivery (id, subscription_id, event_id, event_type, body, replay,
                                                           replay_of)
                    SELECT gen_random_uuid(), subscription_id, event_id, event_type, body, true, id
                      FROM platform_webhook_delivery WHERE id = ? AND subscription_id = ?
                    RETURNING\s""" + COLUMNS)) {
                insert.setObject(1, deliveryId);
                insert.setObject(2, subscriptionId);
                try (ResultSet row = insert.executeQuery()) {
                    return row.next() ? Optional.of(delivery(row, List.of())) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not replay a webhook delivery", e);
        }
    }

    private static List<Delivery> withAttempts(Connection connection, List<Delivery> items) throws SQLException {
        if (items.isEmpty()) {
            return items;
        }
        Map<UUID, List<Attempt>> logs = new LinkedHashMap<>();
        items.forEach(item -> logs.put(item.id(), new ArrayList<>()));
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT delivery_id, at, status_code, error, duration_ms, response_excerpt
                  FROM platform_webhook_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, id""")) {
            Array ids = connection.createArrayOf("uuid", logs.keySet().toArray());
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int code = rows.getInt(3);
                    Integer status = rows.wasNull() ? null : code;
                    logs.get(rows.getObject(1, UUID.class)).add(new Attempt(instant(rows, 2), status,
                            rows.getString(4), rows.getInt(5), rows.getString(6)));
                }
            }
        }
        return items.stream().map(d -> new Delivery(d.id(), d.subscriptionId(), d.eventId(), d.eventType(),
                d.status(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.endedAt(), d.replayOf(),
                List.copyOf(logs.get(d.id())))).toList();
    }

    private static Delivery delivery(ResultSet row, List<Attempt> log) throws SQLException {
        return new Delivery(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getString(5), row.getInt(6), instant(row, 7), instant(row, 8), instant(row, 9),
                row.getObject(10, UUID.class), log);
    }
}
