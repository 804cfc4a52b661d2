package fr.cpa.platform.events;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import fr.cpa.platform.web.CorrelationId;

/**
 * What travels on Kafka: an event with its identity and context. The record value is this envelope as JSON
 * (see the package documentation); the Kafka key is {@link #subjectKey()}.
 */
public record EventEnvelope(UUID id, String type, int version, Instant occurredAt, String subjectKey,
        String correlationId, JsonNode payload) {

    public EventEnvelope {
        if (id == null || type == null || type.isBlank() || occurredAt == null || payload == null
                || !payload.isObject()) {
            throw new IllegalArgumentException("An event needs an id, a type, a time and a payload object");
        }
        if (version < 1) {
            throw new IllegalArgumentException("Event " + type + " has version " + version + ", expected 1 or more");
        }
        if (subjectKey == null || subjectKey.isBlank()) {
            throw new IllegalArgumentException("Event " + type + " has no subject key");
        }
    }

    /** Wraps an event that happens now, under the correlation id of the work in progress (or a new one). */
    public static EventEnvelope of(DomainEvent event) {
        JsonNode payload;
        try {
            // Read back from text, so the tree holds the node types a reader gets and equals its round trip.
            payload = EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not write event " + event.eventType(), e);
        }
        return new EventEnvelope(UUID.randomUUID(), event.eventType(), event.eventVersion(), Instant.now(),
                event.subjectKey(), CorrelationId.current().orElseGet(CorrelationId::newId), payload);
    }

    /** Reads a Kafka record value. The exception never quotes the value: it may hold personal data. */
    public static EventEnvelope fromJson(String json) {
        if (json == null) {
            throw new UnreadableEventException("Not an event envelope: no value");
        }
        try {
            return EventJson.MAPPER.readValue(json, EventEnvelope.class);
        } catch (ValueInstantiationException e) {
            // The constructor's own message, which names fields, not values.
            throw new UnreadableEventException("Not an event envelope: " + e.getCause().getMessage());
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("Not an event envelope: " + where(e));
        }
    }

    public String toJson() {
        try {
            return EventJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write event " + type + " " + id, e);
        }
    }

    /** The payload as the record of this type and version; the exception names the field at fault, not its value. */
    public <T> T payloadAs(Class<T> eventClass) {
        try {
            return EventJson.MAPPER.treeToValue(payload, eventClass);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("Payload of event " + type + " v" + version + " " + id
                    + " does not fit " + eventClass.getSimpleName() + ": " + where(e));
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("Payload of event " + type + " v" + version + " " + id
                    + " does not fit " + eventClass.getSimpleName());
        }
    }

    /** Where reading failed, by field names or position: Jackson's own message quotes the input. */
    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "field " + mapping.getPath().stream()
                    .map(field -> field.getFieldName() != null ? field.getFieldName() : "[" + field.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        JsonLocation location = e.getLocation();
        return location == null ? "unreadable JSON"
                : "unreadable JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The Kafka headers of this event. */
    public Map<String, String> kafkaHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.EVENT_ID, id.toString());
        headers.put(EventHeaders.EVENT_TYPE, type);
        headers.put(EventHeaders.EVENT_VERSION, Integer.toString(version));
        if (correlationId != null) {
            headers.put(EventHeaders.CORRELATION_ID, correlationId);
        }
        return headers;
    }
}
