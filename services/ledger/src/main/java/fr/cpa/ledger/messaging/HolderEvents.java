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
import fr.cpa.platform.events.identity.HolderRegistered;

/** Identity's announcements: a registered holder gets their accounts, with what accrued before, linked to them. */
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
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || !"HolderRegistered".equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return; // HolderProfileChanged and HolderClosed are for later steps of the ledger
        }
        incomingEvents.applyOnce(CONSUMER, IncomingEvents.parse(record), event -> {
            HolderRegistered registered = event.payloadAs(HolderRegistered.class);
            accounts.linkHolder(registered.personKey(), registered.holderId(), registered.birthDate());
        });
    }
}
