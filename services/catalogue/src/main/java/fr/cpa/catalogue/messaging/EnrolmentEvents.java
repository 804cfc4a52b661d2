package fr.cpa.catalogue.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import fr.cpa.catalogue.persistence.SessionSeatsStore;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;

/**
 * The enrolment service's seat counts: each session of an offer then shows the seats booked and left. Each event is
 * applied once (its id), and the counts are absolute and versioned, so that a redelivered or late event never brings
 * an older count back; a record that cannot be read, or a count without its session or with negative numbers, is
 * skipped rather than stopping the consumer.
 */
@ApplicationScoped
public class EnrolmentEvents {

    private static final Logger LOG = Logger.getLogger(EnrolmentEvents.class);

    private final IncomingEvents incomingEvents;
    private final SessionSeatsStore seats;

    EnrolmentEvents(IncomingEvents incomingEvents, SessionSeatsStore seats) {
        this.incomingEvents = incomingEvents;
        this.seats = seats;
    }

    @Incoming("enrolment-sessions")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = IncomingEvents.readable(record);
        if (envelope == null || !"SessionSeatsChanged".equals(envelope.type())) {
            return;
        }
        incomingEvents.applyOnce(HolderEvents.CONSUMER, envelope, SessionSeatsChanged.class, changed -> {
            if (changed.sessionId() == null || changed.offerId() == null || changed.booked() < 0
                    || changed.capacity() < 0) {
                LOG.warnf("Skipped event %s: a seat count without its session or below zero", envelope.id());
                return;
            }
            seats.apply(changed);
        });
    }
}
