package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaProbeTest {

    private static final String TOPIC = "cpa.platform.test";

    @Test
    void seesWhatIsPublishedAfterItOpensWithItsHeaders() throws Exception {
        String key = "person-" + UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.open(TOPIC); KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, "{\"n\":1}");
            record.headers().add("cpa-event-type", "Tested".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();

            var seen = probe.await(r -> key.equals(r.key()), Duration.ofSeconds(20));
            assertEquals("{\"n\":1}", seen.value());
            assertEquals("Tested", KafkaProbe.header(seen, "cpa-event-type"));
            assertThrows(AssertionError.class,
                    () -> probe.await(r -> "never-sent".equals(r.key()), Duration.ofSeconds(1)));
        }
    }

    @Test
    void recordsPolledWithAMatchRemainForTheNextAwait() throws Exception {
        String key = "person-" + UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.open(TOPIC); KafkaProducer<String, String> producer = producer()) {
            // Same key, same partition, sent together: one poll brings both.
            producer.send(new ProducerRecord<>(TOPIC, key, "first"));
            producer.send(new ProducerRecord<>(TOPIC, key, "second")).get();

            assertEquals("first", probe.await(r -> "first".equals(r.value()), Duration.ofSeconds(20)).value());
            assertEquals("second", probe.await(r -> "second".equals(r.value()), Duration.ofSeconds(1)).value());
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = LocalStack.kafkaClient();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
