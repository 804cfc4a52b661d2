package fr.cpa.platform.events;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import fr.cpa.platform.web.CorrelationId;

/**
 * For {@code @Incoming} handlers: reads the envelope of a Kafka record and applies a handler's effect once per
 * event, with the event's correlation id in the logging context.
 *
 * <pre>{@code
 * @Incoming("ledger-accounts")
 * @Transactional
 * void on(ConsumerRecord<String, String> record) {
 *     incomingEvents.applyOnce("enrolment", IncomingEvents.parse(record), event -> ...);
 * }
 * }</pre>
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final ProcessedEvents processedEvents;

    IncomingEvents(ProcessedEvents processedEvents) {
        this.processedEvents = processedEvents;
    }

    /**
     * The record's envelope, or null when it is not one: such a record is logged by its position, never its content,
     * and skipped rather than stopping the consumer.
     */
    public static EventEnvelope readable(ConsumerRecord<String, String> record) {
        try {
            return parse(record);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipped an unreadable record of %s-%d at offset %d", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
    }

    /**
     * {@link #applyOnce} with the payload read as {@code type}; a payload that does not fit is logged by the event's
     * id and skipped, rather than stopping the consumer.
     */
    @Transactional(TxType.MANDATORY)
    public <T> boolean applyOnce(String consumer, EventEnvelope event, Class<T> type, Consumer<T> effect) {
        return applyOnce(consumer, event, envelope -> {
            T payload;
            try {
                payload = envelope.payloadAs(type);
            } catch (IllegalArgumentException e) {
                LOG.warnf("Skipped event %s: its payload does not fit %s v%d", envelope.id(), type.getSimpleName(),
                        envelope.version());
                return;
            }
            effect.accept(payload);
        });
    }

    public static EventEnvelope parse(ConsumerRecord<String, String> record) {
        return EventEnvelope.fromJson(record.value());
    }

    public static EventEnvelope parse(Message<String> message) {
        return EventEnvelope.fromJson(message.getPayload());
    }

    /**
     * Runs the effect unless this consumer already processed the event, in the caller's transaction so that the
     * effect and the record of the event id commit or roll back together. Events the effect appends to the
     * outbox carry the same correlation id.
     *
     * @return whether the effect ran (false for a redelivery)
     */
    @Transactional(TxType.MANDATORY)
    public boolean applyOnce(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
        Optional<String> outer = CorrelationId.current();
        // Validated like an HTTP header: whatever a producer put there must not reach the logs raw.
        CorrelationId.bind(CorrelationId.fromHeader(event.correlationId()));
        try {
            if (!processedEvents.firstDelivery(consumer, event.id())) {
                return false;
            }
            effect.accept(event);
            return true;
        } finally {
            outer.ifPresentOrElse(CorrelationId::bind, CorrelationId::unbind);
        }
    }
}
