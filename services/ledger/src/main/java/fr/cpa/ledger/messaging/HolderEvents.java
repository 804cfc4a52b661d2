package fr.cpa.ledger.messaging;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.HolderSituations;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.events.identity.HolderRegistered;

/**
 * Identity's announcements: a registered holder gets their accounts, with what accrued before, linked to them; a
 * change of situation (status, diploma level, apprenticeship) is kept by date for the rules; a death closes the
 * person's accounts from its date.
 */
@ApplicationScoped
public class HolderEvents {

    static final String CONSUMER = "ledger";

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final IncomingEvents incomingEvents;
    private final Accounts accounts;
    private final HolderSituations situations;

    HolderEvents(IncomingEvents incomingEvents, Accounts accounts, HolderSituations situations) {
        this.incomingEvents = incomingEvents;
        this.accounts = accounts;
        this.situations = situations;
    }

    @Incoming("identity-holders")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            switch (envelope.type()) {
                case "HolderRegistered" -> incomingEvents.applyOnce(CONSUMER, envelope, event -> {
                    HolderRegistered registered = event.payloadAs(HolderRegistered.class);
                    accounts.linkHolder(registered.personKey(), registered.holderId(), registered.birthDate());
                });
                // A holder's own closure ends the login only: the rights stay. A death closes the accounts.
                case "HolderClosed" -> incomingEvents.applyOnce(CONSUMER, envelope, event -> {
                    HolderClosed closed = event.payloadAs(HolderClosed.class);
                    if (closed.dateOfDeath() != null) {
                        accounts.closeOnDeath(closed.personKey(), closed.dateOfDeath());
                    }
                });
                // The day identity recorded the change, in France: the rules of a year read the situation by date.
                case "HolderProfileChanged" -> incomingEvents.applyOnce(CONSUMER, envelope, event -> {
                    HolderProfileChanged changed = event.payloadAs(HolderProfileChanged.class);
                    situations.record(changed.personKey(), LocalDate.ofInstant(event.occurredAt(), FRANCE),
                            changed.employmentStatus(), changed.diplomaLevel(), changed.apprenticeship());
                });
                default -> {
                    // Other events of the topic do not concern the ledger.
                }
            }
        });
    }
}
