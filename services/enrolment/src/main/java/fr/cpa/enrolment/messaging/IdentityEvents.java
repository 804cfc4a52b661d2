package fr.cpa.enrolment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.enrolment.domain.HolderProfiles;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.events.identity.HolderRegistered;

/** Identity's announcements: who a holder is for the ledger, their situation, employer and mail preference. */
@ApplicationScoped
public class IdentityEvents {

    static final String CONSUMER = "enrolment";

    private final IncomingEvents incomingEvents;
    private final HolderProfiles profiles;

    IdentityEvents(IncomingEvents incomingEvents, HolderProfiles profiles) {
        this.incomingEvents = incomingEvents;
        this.profiles = profiles;
    }

    @Incoming("identity-holders")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            switch (envelope.type()) {
                case "HolderRegistered" -> incomingEvents.applyOnce(CONSUMER, envelope, HolderRegistered.class,
                        registered -> profiles.registered(registered.holderId(), registered.personKey()));
                case "HolderProfileChanged" -> incomingEvents.applyOnce(CONSUMER, envelope, HolderProfileChanged.class,
                        changed -> profiles.changed(changed.holderId(), changed.personKey(), changed.employmentStatus(),
                                changed.workplaceSiret(), changed.emailNotifications()));
                case "HolderClosed" -> incomingEvents.applyOnce(CONSUMER, envelope, HolderClosed.class, closed -> {
                    if (closed.holderId() != null) {
                        profiles.closed(closed.holderId(), "DEATH".equals(closed.reason()));
                    }
                });
                default -> {
                    // Nothing else of the topic concerns applications.
                }
            }
        });
    }
}
