package fr.cpa.catalogue.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.cpa.catalogue.persistence.SessionSeatsStore;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;

/**
 * The enrolment service's seat counts: each session's offer then shows the seats left. The counts are absolute and
 * versioned, so a redelivered or late event changes nothing.
 */
@ApplicationScoped
public class EnrolmentEvents {

    private final SessionSeatsStore seats;

    EnrolmentEvents(SessionSeatsStore seats) {
        this.seats = seats;
    }

    @Incoming("enrolment-sessions")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = IncomingEvents.parse(record);
        if ("SessionSeatsChanged".equals(envelope.type())) {
            seats.apply(envelope.payloadAs(SessionSeatsChanged.class));
        }
    }
}
