package fr.cpa.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import fr.cpa.platform.testing.LocalStack;

/** The local stack's real broker, driven through the project's own script. */
final class LocalKafka {

    static final String BOOTSTRAP = "127.0.0.1:9092";

    private LocalKafka() {
    }

    static boolean isUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 9092), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A consumer of every partition of the topic, placed at its end now: it reads only what comes after. */
    static KafkaConsumer<String, String> consumerAtEndOf(String topic) {
        Properties props = LocalStack.kafkaClient();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end offsets now, before anything is sent.
        partitions.forEach(consumer::position);
        return consumer;
    }

    static void requireUp() {
        assertTrue(isUp(), "Kafka is not listening on " + BOOTSTRAP + ": start it with deploy/local/kafka.sh up");
    }

    /** Runs {@code deploy/local/kafka.sh <command>} and waits for it to finish. */
    static void script(String command) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Process process = new ProcessBuilder("bash", root.resolve("deploy/local/kafka.sh").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("kafka.sh " + command + " did not finish within 3 minutes");
        }
        assertEquals(0, process.exitValue(), "kafka.sh " + command + " failed");
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/local"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No deploy/local above the working directory");
    }
}
