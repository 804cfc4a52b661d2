package fr.cpa.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a record on the real broker as another service's outbox relay would: keyed, with its headers. Takes the
 * envelope's parts rather than the envelope, so this library stays free of the services' event classes.
 */
public final class Broker {

    private Broker() {
    }

    public static void publish(String topic, String key, String value, Map<String, String> headers) {
        LocalStack.ensureUp();
        Properties config = LocalStack.kafkaClient();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
    }
}
