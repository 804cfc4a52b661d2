package fr.cpa.platform.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Queues webhook deliveries in the caller's transaction: one row per active subscription of the owner to the event
 * type, so partners are called if and only if the change that caused the event commits. {@link WebhookDispatcher}
 * POSTs them.
 */
@ApplicationScoped
public class Webhooks {

    static final ObjectMapper JSON = new ObjectMapper();
    /** What may stand in the {@code webhook-id} header (and before the first dot of the signed content). */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_:-]{1,100}");

    private final DataSource dataSource;
    private final KnownEventTypes known;

    Webhooks(DataSource dataSource, KnownEventTypes known) {
        this.dataSource = dataSource;
        this.known = known;
    }

    /**
     * Queues the event for every active subscription of the owner to its type. Needs a transaction: without one the
     * delivery could outlive a rolled-back change. The same event id queued again for a subscription (a redelivered
     * domain event) is kept once.
     *
     * @param owner the partner's key, as its subscriptions were made with (a SIRET, a client id)
     * @param eventType one of the service's {@link WebhookEventTypes}
     * @param eventId the event's stable id, sent as {@code webhook-id}: receivers dedupe on it
     * @param payloadJson a JSON object, sent as the body's {@code data}; never a NIR, a name or an address
     * @return how many deliveries were queued (none when no subscription matches)
     */
    @Transactional(TxType.MANDATORY)
    public int enqueue(String owner, String eventType, String eventId, String payloadJson) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("A webhook event needs an owner");
        }
        if (!known.types().contains(eventType)) {
            throw new IllegalArgumentException("Webhook event type " + eventType
                    + " is not among this service's WebhookEventTypes beans");
        }
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("A webhook event id is 1 to 100 of [A-Za-z0-9_:-]");
        }
        String body = body(eventType, payloadJson);
        // Agroal hands out the connection enlisted in the current JTA transaction, the one Hibernate uses too.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO platform_webhook_delivery (id, subscription_id, event_id, event_type, body)
                        SELECT gen_random_uuid(), id, ?, ?, ? FROM platform_webhook_subscription
                         WHERE owner = ? AND active AND ? = ANY (event_types)
                        ON CONFLICT (subscription_id, event_id) WHERE NOT replay DO NOTHING""")) {
            insert.setString(1, eventId);
            insert.setString(2, eventType);
            insert.setString(3, body);
            insert.setString(4, owner);
            insert.setString(5, eventType);
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue a " + eventType + " webhook", e);
        }
    }

    /** The body POSTed, as Standard Webhooks suggests: {@code {"type", "timestamp", "data"}}. */
    static String body(String eventType, String payloadJson) {
        JsonNode data;
        try {
            data = payloadJson == null ? null : JSON.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("The payload of a " + eventType + " webhook must be a JSON object");
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", eventType);
        envelope.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        envelope.set("data", data);
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a " + eventType + " webhook", e);
        }
    }
}
