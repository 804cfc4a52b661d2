package fr.cpa.ledger;

import fr.cpa.platform.events.DomainEvent;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;

/** Publishes what the identity service would, on the real broker, for the ledger's consumer to receive. */
final class IdentityEvents {

    private IdentityEvents() {
    }

    static void publish(DomainEvent event) {
        publish(EventEnvelope.of(event));
    }

    static void publish(EventEnvelope envelope) {
        Broker.publish(Topics.IDENTITY_HOLDERS, envelope);
    }
}
