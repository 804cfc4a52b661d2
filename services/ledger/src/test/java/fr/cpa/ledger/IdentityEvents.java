package fr.cpa.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import fr.cpa.platform.events.DomainEvent;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.testing.LocalStack;

/** Publishes what the identity service would, on the real broker, for the ledger's consumer to receive. */
final class IdentityEvents {

    private IdentityEvents() {
    }

    static void publish(DomainEvent event) {
        publish(EventEnvelope.of(event));
    }

    static void publish(EventEnvelope envelope) {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalStack.KAFKA_BOOTSTRAP);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.IDENTITY_HOLDERS,
                    envelope.subjectKey(), envelope.toJson());
            envelope.kafkaHeaders().forEach((name, value) -> record.headers().add(name,
                    value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
    }
}
