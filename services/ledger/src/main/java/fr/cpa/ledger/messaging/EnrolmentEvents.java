package fr.cpa.ledger.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.ledger.domain.ApplicationFunding;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.enrolment.ApplicationAccepted;
import fr.cpa.platform.events.enrolment.ApplicationCancelled;
import fr.cpa.platform.events.enrolment.TrainingCompleted;

/**
 * The enrolment service's training applications: an accepted one is held on the holder's accounts, a completed
 * training debited, a cancelled or refused application freed. Answers go out through the outbox with the change.
 */
@ApplicationScoped
public class EnrolmentEvents {

    private final IncomingEvents incomingEvents;
    private final ApplicationFunding funding;

    EnrolmentEvents(IncomingEvents incomingEvents, ApplicationFunding funding) {
        this.incomingEvents = incomingEvents;
        this.funding = funding;
    }

    @Incoming("enrolment-applications")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            switch (envelope.type()) {
                case "ApplicationAccepted" -> incomingEvents.applyOnce(HolderEvents.CONSUMER, envelope,
                        event -> funding.accept(event.payloadAs(ApplicationAccepted.class)));
                case "TrainingCompleted" -> incomingEvents.applyOnce(HolderEvents.CONSUMER, envelope,
                        event -> funding.complete(event.payloadAs(TrainingCompleted.class)));
                case "ApplicationCancelled" -> incomingEvents.applyOnce(HolderEvents.CONSUMER, envelope,
                        event -> funding.cancel(event.payloadAs(ApplicationCancelled.class)));
                default -> {
                    // ApplicationSubmitted: nothing is held before the holder accepts
                }
            }
        });
    }
}
