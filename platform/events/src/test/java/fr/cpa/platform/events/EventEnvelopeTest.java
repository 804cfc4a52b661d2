package fr.cpa.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.cpa.platform.web.CorrelationId;

class EventEnvelopeTest {

    private static final OrderPlacedTestEvent EVENT = new OrderPlacedTestEvent("holder-1", "order-1", 125_050,
            LocalDate.of(2026, 9, 1), List.of("M1402", "K2111"));

    /** A second version of the same event type, as a contract change would add it. */
    record OrderPlacedTestEventV2(String holderId, String reference, long amountCents) implements DomainEvent {

        @Override
        public String subjectKey() {
            return holderId;
        }

        @Override
        public String eventType() {
            return "OrderPlacedTestEvent";
        }

        @Override
        public int eventVersion() {
            return 2;
        }
    }

    @AfterEach
    void unbind() {
        CorrelationId.unbind();
    }

    @Test
    void takesTypeVersionAndSubjectFromTheEventAndTheCorrelationIdFromTheWorkInProgress() {
        CorrelationId.bind("request-42");
        EventEnvelope envelope = EventEnvelope.of(EVENT);
        assertEquals("OrderPlacedTestEvent", envelope.type());
        assertEquals(1, envelope.version());
        assertEquals("holder-1", envelope.subjectKey());
        assertEquals("request-42", envelope.correlationId());

        EventEnvelope v2 = EventEnvelope.of(new OrderPlacedTestEventV2("holder-1", "order-1", 1));
        assertEquals("OrderPlacedTestEvent", v2.type());
        assertEquals(2, v2.version());
    }

    @Test
    void aNewCorrelationIdWhenNoneIsBound() {
        EventEnvelope first = EventEnvelope.of(EVENT);
        assertFalse(first.correlationId().isBlank());
        assertFalse(first.correlationId().equals(EventEnvelope.of(EVENT).correlationId()));
    }

    @Test
    void roundTripsThroughJson() {
        EventEnvelope envelope = EventEnvelope.of(EVENT);
        String json = envelope.toJson();

        EventEnvelope read = EventEnvelope.fromJson(json);
        assertEquals(envelope, read);
        assertEquals(EVENT, read.payloadAs(OrderPlacedTestEvent.class));
        assertEquals(envelope, IncomingEvents.parse(Message.of(json)));
    }

    @Test
    void payloadHoldsTheRecordComponentsOnly() {
        JsonNode payload = EventEnvelope.of(EVENT).payload();
        assertEquals(Set.of("holderId", "reference", "amountCents", "trainingStart", "skills"),
                fieldNames(payload));
        assertEquals("2026-09-01", payload.get("trainingStart").asText());
    }

    @Test
    void wireFieldsAreTheDocumentedOnes() {
        JsonNode wire = EventJson.MAPPER.valueToTree(EventEnvelope.of(EVENT));
        assertEquals(Set.of("id", "type", "version", "occurredAt", "subjectKey", "correlationId", "payload"),
                fieldNames(wire));
        // ISO-8601 text, not epoch numbers
        assertTrue(wire.get("occurredAt").asText().endsWith("Z"));
    }

    @Test
    void readersIgnoreUnknownFields() {
        EventEnvelope envelope = EventEnvelope.of(EVENT);
        String withExtra = envelope.toJson().replaceFirst("\\{", "{\"addedLater\":true,")
                .replace("\"reference\":", "\"comment\":\"new\",\"reference\":");
        EventEnvelope read = EventEnvelope.fromJson(withExtra);
        assertEquals(envelope.id(), read.id());
        assertEquals(EVENT, read.payloadAs(OrderPlacedTestEvent.class));
    }

    @Test
    void kafkaHeadersRepeatIdTypeVersionAndCorrelationId() {
        CorrelationId.bind("request-43");
        EventEnvelope envelope = EventEnvelope.of(EVENT);
        assertEquals(Map.of("cpa-event-id", envelope.id().toString(), "cpa-event-type", "OrderPlacedTestEvent",
                "cpa-event-version", "1", "X-Request-Id", "request-43"), envelope.kafkaHeaders());
    }

    @Test
    void rejectsWhatIsNoEnvelope() {
        String json = EventEnvelope.of(EVENT).toJson();
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.fromJson(null));
        assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.fromJson(json.replace("\"subjectKey\":\"holder-1\",", "")));
        assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.fromJson(json.replace("\"version\":1", "\"version\":0")));
        assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.fromJson(json.replaceAll("\"payload\":\\{.*}}$", "\"payload\":null}")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
