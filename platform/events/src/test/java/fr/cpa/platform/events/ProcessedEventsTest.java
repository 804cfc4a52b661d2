package fr.cpa.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.web.CorrelationId;

@QuarkusTest
class ProcessedEventsTest {

    @Inject
    SequencedEventSink sink;

    @Inject
    IncomingEvents incomingEvents;

    @Inject
    TestSql sql;

    @AfterEach
    void unbind() {
        CorrelationId.unbind();
    }

    @Test
    void anEventDeliveredTwiceHasOneEffect() {
        String runId = "dedup-" + UUID.randomUUID();
        ConsumerRecord<String, String> record = record(EventEnvelope.of(new SequencedTestEvent(runId, runId, 0)));

        sink.on(record);
        sink.on(record);

        assertEquals(1, sql.number("SELECT count(*) FROM platform_events_test_effect WHERE run_id = ?", runId));
    }

    @Test
    void aFailedHandlingRecordsNothingSoTheRedeliveryApplies() {
        EventEnvelope event = EventEnvelope.of(new SequencedTestEvent("failing-" + UUID.randomUUID(), "k", 0));
        String consumer = "failing-handler";

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(
                () -> incomingEvents.applyOnce(consumer, event, e -> {
                    throw new IllegalStateException("the handler failed");
                })));
        assertEquals(0, processed(consumer, event));

        assertTrue(QuarkusTransaction.requiringNew().call(() -> incomingEvents.applyOnce(consumer, event, e -> {
        })));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> incomingEvents.applyOnce(consumer, event, e -> {
        })));
        assertEquals(1, processed(consumer, event));
    }

    @Test
    void theHandlerRunsUnderTheEventsCorrelationIdAndTheOuterOneComesBack() {
        CorrelationId.bind("request-of-the-event");
        EventEnvelope event = EventEnvelope.of(new SequencedTestEvent("mdc-" + UUID.randomUUID(), "k", 0));
        CorrelationId.bind("outer-request");
        List<Optional<String>> seen = new ArrayList<>();

        QuarkusTransaction.requiringNew().run(
                () -> incomingEvents.applyOnce("mdc-handler", event, e -> seen.add(CorrelationId.current())));

        assertEquals(List.of(Optional.of("request-of-the-event")), seen);
        assertEquals(Optional.of("outer-request"), CorrelationId.current());
    }

    @Test
    void applyingOutsideATransactionIsRefused() {
        EventEnvelope event = EventEnvelope.of(new SequencedTestEvent("no-tx-" + UUID.randomUUID(), "k", 0));
        assertThrows(TransactionalException.class, () -> incomingEvents.applyOnce("no-tx", event, e -> {
        }));
        assertEquals(0, processed("no-tx", event));
    }

    private long processed(String consumer, EventEnvelope event) {
        return sql.number("SELECT count(*) FROM platform_processed_event WHERE consumer = ? AND event_id = ?",
                consumer, event.id());
    }

    /** The record as the relay publishes it. */
    private static ConsumerRecord<String, String> record(EventEnvelope envelope) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TestWork.TOPIC, 0, 0, envelope.subjectKey(),
                envelope.toJson());
        envelope.kafkaHeaders().forEach((name, value) -> record.headers().add(name,
                value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
