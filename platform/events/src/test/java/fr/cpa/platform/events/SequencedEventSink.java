package fr.cpa.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** The test application's consumer: applies each {@link SequencedTestEvent} once into {@link TestEffect}. */
@ApplicationScoped
public class SequencedEventSink {

    static final String CONSUMER = "platform-events-test";

    /** Deliveries that were recognised as already processed, for the test's report. */
    static final AtomicInteger REDELIVERIES = new AtomicInteger();

    private final IncomingEvents incomingEvents;

    SequencedEventSink(IncomingEvents incomingEvents) {
        this.incomingEvents = incomingEvents;
    }

    @Incoming("platform-test")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        // Other tests share the topic, some with values that are no envelope: the header tells without parsing.
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || !SequencedTestEvent.class.getSimpleName().equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        incomingEvents.consume(record, envelope -> {
            boolean applied = incomingEvents.applyOnce(CONSUMER, envelope, SequencedTestEvent.class, payload -> {
                TestEffect effect = new TestEffect();
                effect.runId = payload.runId();
                effect.key = payload.key();
                effect.sequence = payload.sequence();
                effect.eventId = envelope.id();
                effect.persist();
            });
            if (!applied) {
                REDELIVERIES.incrementAndGet();
            }
        });
    }
}
