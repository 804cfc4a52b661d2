package fr.cpa.platform.events;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import fr.cpa.platform.web.CorrelationId;

/**
 * For {@code @Incoming} handlers: reads the envelope of a Kafka record and applies a handler's effect once per
 * event, in a transaction of its own, with the event's correlation id in the logging context.
 *
 * <pre>{@code
 * @Incoming("ledger-accounts")
 * @Blocking
 * void on(ConsumerRecord<String, String> record) {
 *     incomingEvents.consume(record, envelope -> switch (envelope.type()) {
 *         case "FundsReserved" -> incomingEvents.applyOnce("enrolment", envelope, FundsReserved.class, ...);
 *         default -> { }
 *     });
 * }
 * }</pre>
 *
 * A record {@link #consume} cannot read, or cannot apply after its retries, is thrown back to SmallRye, whose
 * failure strategy ({@code dead-letter-queue} for every channel, see META-INF/microprofile-config.properties) writes
 * it to the service's dead-letter topic and goes on with the next one.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final ProcessedEvents processedEvents;
    private final IncomingConfig config;

    IncomingEvents(ProcessedEvents processedEvents, IncomingConfig config) {
        this.processedEvents = processedEvents;
        this.config = config;
    }

    /**
     * Runs the handler on the record's envelope in a new transaction. A record that is no envelope, or that the
     * handler finds unreadable ({@link UnreadableEventException}), is thrown at once: no retry changes it. Any other
     * failure rolls back and is retried with a doubling backoff (a database away for a moment), up to
     * {@code cpa.incoming.attempts}, then thrown as an {@link UnappliedEventException}. Each throw dead-letters the
     * record.
     */
    public void consume(ConsumerRecord<String, String> record, Consumer<EventEnvelope> handler) {
        EventEnvelope envelope;
        try {
            envelope = parse(record);
        } catch (UnreadableEventException e) {
            throw new UnreadableEventException(e.getMessage() + " (" + position(record) + ")");
        }
        Duration backoff = config.backoff();
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> handler.accept(envelope));
                return;
            } catch (UnreadableEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    throw new UnappliedEventException(envelope, attempt, e);
                }
                // The class only: the message of a database error may quote the row.
                LOG.warnf("Event %s (%s, %s) failed on attempt %d of %d with %s; retrying in %d ms", envelope.id(),
                        envelope.type(), position(record), attempt, config.attempts(), e.getClass().getName(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    // Shutting down: given up like after the last attempt (the record is dead-lettered).
                    Thread.currentThread().interrupt();
                    throw new UnappliedEventException(envelope, attempt, e);
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * {@link #applyOnce} with the payload read as {@code type}; a payload that does not fit throws an
     * {@link UnreadableEventException}, which rolls the transaction back (the event is not marked processed).
     */
    @Transactional(TxType.MANDATORY)
    public <T> boolean applyOnce(String consumer, EventEnvelope event, Class<T> type, Consumer<T> effect) {
        return applyOnce(consumer, event, envelope -> effect.accept(envelope.payloadAs(type)));
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

    private static String position(ConsumerRecord<?, ?> record) {
        return "record " + record.topic() + "-" + record.partition() + " at offset " + record.offset();
    }
}
