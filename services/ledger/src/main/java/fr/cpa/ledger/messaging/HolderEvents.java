package fr.cpa.ledger.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.cpa.ledger.domain.Accounts;
import fr.cpa.platform.events.EventHeaders;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.events.identity.HolderRegistered;

/**
 * Identity's announcements: a registered holder gets their accounts, with what accrued before, linked to them; a
 * death closes the person's accounts from its date.
 */
@ApplicationScoped
public class HolderEvents {

    static final String CONSUMER = "ledger";

    private final IncomingEvents incomingEvents;
    private final Accounts accounts;

    HolderEvents(IncomingEvents incomingEvents, Accounts accounts) {
        this.incomingEvents = incomingEvents;
        this.accounts = accounts;
    }

    @Incoming("identity-holders")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        String type = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        switch (type) {
            case "HolderRegistered" -> incomingEvents.applyOnce(CONSUMER, IncomingEvents.parse(record), event -> {
                HolderRegistered registered = event.payloadAs(HolderRegistered.class);
                accounts.linkHolder(registered.personKey(), registered.holderId(), registered.birthDate());
            });
            // A holder's own closure ends the login only: the rights stay. A death closes the accounts.
            case "HolderClosed" -> incomingEvents.applyOnce(CONSUMER, IncomingEvents.parse(record), event -> {
                HolderClosed closed = event.payloadAs(HolderClosed.class);
                if (closed.dateOfDeath() != null) {
                    accounts.closeOnDeath(closed.personKey(), closed.dateOfDeath());
                }
            });
            default -> {
                // HolderProfileChanged is for a later step of the ledger
            }
        }
    }
}
