package fr.cpa.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.testing.LocalStack;

/** Publishes an event on the real broker as another service's outbox relay would: keyed, with its headers. */
final class Broker {

    private Broker() {
    }

    static void publish(String topic, EventEnvelope envelope) {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalStack.KAFKA_BOOTSTRAP);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subjectKey(),
                    envelope.toJson());
            envelope.kafkaHeaders().forEach((name, value) -> record.headers().add(name,
                    value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
    }
}
