package fr.cpa.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.Broker;

/**
 * On the real broker: an effect that fails for a moment is retried, each attempt rolled back, and applied once; one
 * that always fails, and a payload that does not fit, go to the dead-letter topic with their key, headers and reason,
 * and the consumer goes on with the next record.
 */
@QuarkusTest
class IncomingEventsRetryTest {

    private static final String DEAD_LETTERS = "cpa.dead-letters.platform-test";

    @Inject
    TestSql sql;

    @Test
    void retriesAFailingEffectThenDeadLettersItAndGoesOn() {
        LocalKafka.requireUp();
        String run = "retry-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> deadLetters = LocalKafka.consumerAtEndOf(DEAD_LETTERS)) {
            EventEnvelope flaky = publish(new FlakyTestEvent(run + "-flaky", 2));
            EventEnvelope poison = publish(new FlakyTestEvent(run + "-poison", Integer.MAX_VALUE));
            EventEnvelope unfit = EventEnvelope.of(new FlakyTestEvent(run + "-unfit", 0));
            publish(unfit, unfit.toJson().replace("\"failures\":0", "\"failures\":\"none\""));
            EventEnvelope good = publish(new FlakyTestEvent(run + "-good", 0));

            awaitEffect(good);
            // The two failed attempts were rolled back: only the third one's effect is there.
            assertEquals(List.of(3), sequences(flaky));
            assertEquals(List.of(), sequences(poison));
            assertEquals(List.of(), sequences(unfit));
            assertEquals(3, FlakyEventSink.ATTEMPTS.get(poison.id()).get(), "every attempt, then given up");
            assertNull(FlakyEventSink.ATTEMPTS.get(unfit.id()), "a payload that does not fit is not retried");

            List<ConsumerRecord<String, String>> dead = receive(deadLetters,
                    r -> (run + "-unfit").equals(r.key()) || (run + "-poison").equals(r.key()), 2);
            ConsumerRecord<String, String> poisoned = dead.stream().filter(r -> r.key().equals(poison.subjectKey()))
                    .findFirst().orElseThrow();
            assertEquals(poison.toJson(), poisoned.value());
            assertEquals(poison.id().toString(), header(poisoned, EventHeaders.EVENT_ID));
            assertEquals("Event " + poison.id() + " (FlakyTestEvent v1) not applied after 3 attempts",
                    header(poisoned, "dead-letter-reason"));
            assertEquals("flaky effect fails on attempt 3", header(poisoned, "dead-letter-cause"));
            assertEquals(TestWork.TOPIC, header(poisoned, "dead-letter-topic"));
            ConsumerRecord<String, String> unfitted = dead.stream().filter(r -> r.key().equals(unfit.subjectKey()))
                    .findFirst().orElseThrow();
            assertEquals("Payload of event FlakyTestEvent v1 " + unfit.id()
                    + " does not fit FlakyTestEvent: field failures", header(unfitted, "dead-letter-reason"));
            assertNull(header(unfitted, "dead-letter-cause"), "Jackson's message, which quotes the value, is left out");
            assertTrue(dead.stream().noneMatch(r -> r.key().equals(flaky.subjectKey())));
        }
    }

    private static EventEnvelope publish(FlakyTestEvent event) {
        EventEnvelope envelope = EventEnvelope.of(event);
        publish(envelope, envelope.toJson());
        return envelope;
    }

    private static void publish(EventEnvelope envelope, String value) {
        Broker.publish(TestWork.TOPIC, envelope.subjectKey(), value, envelope.kafkaHeaders());
    }

    private void awaitEffect(EventEnvelope event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sequences(event).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The consumer did not apply " + event.id() + " in 30 s");
            }
            sleep();
        }
    }

    private List<Object> sequences(EventEnvelope event) {
        return sql.rows("SELECT sequence FROM platform_events_test_effect WHERE event_id = ? ORDER BY applied",
                event.id()).stream().map(row -> row.get(0)).toList();
    }

    private static List<ConsumerRecord<String, String>> receive(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> matching, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (matching.test(r)) {
                    found.add(r);
                }
            });
        }
        assertEquals(count, found.size(), "dead letters of this run");
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
