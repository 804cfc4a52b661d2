package fr.cpa.ledger;

import fr.cpa.platform.events.EventEnvelope;

/** Publishes an event on the real broker as another service's outbox relay would: keyed, with its headers. */
final class Broker {

    private Broker() {
    }

    static void publish(String topic, EventEnvelope envelope) {
        fr.cpa.platform.testing.Broker.publish(topic, envelope.subjectKey(), envelope.toJson(),
                envelope.kafkaHeaders());
    }
}
