package fr.cpa.catalogue.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.catalogue.persistence.SessionSeatsStore;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.UnreadableEventException;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;

/**
 * The enrolment service's seat counts: each session of an offer then shows the seats booked and left. Each event is
 * applied once (its id), and the counts are absolute and versioned, so that a redelivered or late event never brings
 * an older count back; a record that cannot be read, or a count without its session or with negative numbers, goes to
 * the dead-letter topic rather than stopping the consumer.
 */
@ApplicationScoped
public class EnrolmentEvents {

    private final IncomingEvents incomingEvents;
    private final SessionSeatsStore seats;

    EnrolmentEvents(IncomingEvents incomingEvents, SessionSeatsStore seats) {
        this.incomingEvents = incomingEvents;
        this.seats = seats;
    }

    @Incoming("enrolment-sessions")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            if (!"SessionSeatsChanged".equals(envelope.type())) {
                return;
            }
            incomingEvents.applyOnce(HolderEvents.CONSUMER, envelope, SessionSeatsChanged.class, changed -> {
                if (changed.sessionId() == null || changed.offerId() == null || changed.booked() < 0
                        || changed.capacity() < 0) {
                    throw new UnreadableEventException("Event " + envelope.id()
                            + ": a seat count without its session or below zero");
                }
                seats.apply(changed);
            });
        });
    }
}
