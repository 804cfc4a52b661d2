package fr.cpa.catalogue.messaging;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.IncomingEvents;

/**
 * How the catalogue takes in events: once per event id (the platform's processed events), and a record that cannot
 * be read — not an envelope, or a payload that does not fit its type — is skipped and logged by its position or its
 * id, never its content, rather than stopping the consumer (the enrolment service's own intake does the same).
 */
@ApplicationScoped
class Intake {

    static final String CONSUMER = "catalogue";
    private static final Logger LOG = Logger.getLogger(Intake.class);

    private final IncomingEvents incomingEvents;

    Intake(IncomingEvents incomingEvents) {
        this.incomingEvents = incomingEvents;
    }

    /** The record's envelope, or null when it cannot be read. */
    static EventEnvelope envelope(ConsumerRecord<String, String> record) {
        try {
            return IncomingEvents.parse(record);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipped an unreadable record of %s-%d at offset %d", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
    }

    /** Runs the effect on the payload unless this event was processed already or its payload does not fit. */
    @Transactional(TxType.MANDATORY)
    <T> void once(EventEnvelope envelope, Class<T> type, Consumer<T> effect) {
        incomingEvents.applyOnce(CONSUMER, envelope, event -> {
            T payload;
            try {
                payload = event.payloadAs(type);
            } catch (IllegalArgumentException e) {
                skipped(event, type);
                return;
            }
            effect.accept(payload);
        });
    }

    static void skipped(EventEnvelope event, Class<?> type) {
        LOG.warnf("Skipped event %s: its payload does not fit %s v%d", event.id(), type.getSimpleName(),
                event.version());
    }
}
