package fr.cpa.catalogue.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.catalogue.domain.HolderProfiles;
import fr.cpa.catalogue.domain.HolderProfiles.HolderProfile;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.events.identity.HolderProfileChanged;

/** Identity's announcements: a holder's situation, which decides their lists of eligible trainings. */
@ApplicationScoped
public class HolderEvents {

    static final String CONSUMER = "catalogue";

    private final IncomingEvents incomingEvents;
    private final HolderProfiles profiles;

    HolderEvents(IncomingEvents incomingEvents, HolderProfiles profiles) {
        this.incomingEvents = incomingEvents;
        this.profiles = profiles;
    }

    @Incoming("identity-holders")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            switch (envelope.type()) {
                case "HolderProfileChanged" -> incomingEvents.applyOnce(CONSUMER, envelope, HolderProfileChanged.class,
                        changed -> profiles.save(new HolderProfile(changed.holderId(), changed.employmentStatus(),
                                changed.workRegion(), changed.residenceRegion(), changed.branchIdcc())));
                case "HolderClosed" -> incomingEvents.applyOnce(CONSUMER, envelope, HolderClosed.class,
                        closed -> profiles.forget(closed.holderId()));
                default -> {
                    // Other events of the topic do not concern the catalogue.
                }
            }
        });
    }
}
