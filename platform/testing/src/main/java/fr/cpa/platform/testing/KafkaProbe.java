package fr.cpa.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches a topic from the moment it is opened: open it before the action, then wait for the event the action
 * should cause. Reads every partition without joining a consumer group, so it never steals a service's records.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private KafkaProbe(String topic) {
        Properties props = LocalStack.kafkaClient();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public static KafkaProbe open(String topic) {
        LocalStack.ensureUp();
        return new KafkaProbe(topic);
    }

    /** The first record since opening that matches, or an assertion failure after {@code timeout}. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        for (ConsumerRecord<String, String> record : seen) {
            if (matching.test(record)) {
                return record;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // The whole batch is kept before looking into it: a later await may want the records after the match.
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            consumer.poll(Duration.ofMillis(200)).forEach(batch::add);
            seen.addAll(batch);
            for (ConsumerRecord<String, String> record : batch) {
                if (matching.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record on " + consumer.assignment() + " within " + timeout);
    }

    /** Every record seen so far, after polling once more. */
    public List<ConsumerRecord<String, String>> seen() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
