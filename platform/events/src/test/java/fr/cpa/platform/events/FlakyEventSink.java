package fr.cpa.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * The retry tests' consumer: applies each {@link FlakyTestEvent} into {@link TestEffect} (sequence = the attempt that
 * succeeded), after writing the effect and failing on the first {@code failures} attempts, so that a failed attempt
 * leaves nothing behind only if it was rolled back.
 */
@ApplicationScoped
public class FlakyEventSink {

    static final String CONSUMER = "platform-events-flaky-test";

    /** Attempts at each event, for the test's assertions. */
    static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private final IncomingEvents incomingEvents;

    FlakyEventSink(IncomingEvents incomingEvents) {
        this.incomingEvents = incomingEvents;
    }

    @Incoming("platform-test-retries")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        // Other tests share the topic: the header tells without parsing.
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null
                || !FlakyTestEvent.class.getSimpleName().equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        incomingEvents.consume(record, envelope -> incomingEvents.applyOnce(CONSUMER, envelope, FlakyTestEvent.class,
                flaky -> {
                    int attempt = ATTEMPTS.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
                    TestEffect effect = new TestEffect();
                    effect.runId = flaky.runId();
                    effect.key = "flaky";
                    effect.sequence = attempt;
                    effect.eventId = envelope.id();
                    effect.persistAndFlush();
                    if (attempt <= flaky.failures()) {
                        throw new IllegalStateException("flaky effect fails on attempt " + attempt);
                    }
                }));
    }
}
