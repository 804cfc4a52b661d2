package fr.cpa.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Publishes outbox rows to Kafka in position order, at least once, and marks them published once the broker
 * acknowledged them. A failed send ends the batch: only the acknowledged prefix is marked, and the next run,
 * after a growing pause, starts again from the first row not marked. One relay per database works at a time.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Held by the working relay for the length of its transaction ("cpa_out"). */
    static final long RELAY_LOCK = 0x6370615f6f7574L;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /**
     * Bounded so that a stopped broker fails a run in seconds rather than wedging it. A service overrides them
     * with {@code kafka.<name>} (producer settings only: that prefix also carries its consumers') or
     * {@code cpa.outbox.kafka.<name>}.
     */
    private static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> producerConfig;
    private final long ackTimeoutMillis;

    private final boolean enabled;
    // A committed transaction asks for one more pass; passes asked while one is queued are one pass.
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cpa-outbox-relay-wake");
        thread.setDaemon(true);
        return thread;
    });

    private KafkaProducer<String, String> producer;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    OutboxRelay(DataSource dataSource, OutboxConfig config, Config mpConfig) {
        this.dataSource = dataSource;
        this.config = config;
        this.producerConfig = producerConfig(config, mpConfig);
        // A send settles within the delivery timeout; the margin only guards against a client bug.
        this.ackTimeoutMillis = Long.parseLong(producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
                .toString()) + 5_000;
        this.enabled = !"off".equalsIgnoreCase(config.interval().strip());
    }

    /**
     * Runs a pass soon, on a thread of its own: called once a transaction that appended events has committed, so an
     * event leaves in milliseconds rather than at the next scheduled run, which stays as the safety net (and the
     * only way after a failure: the pause after failed runs applies to these passes too). Nothing when the relay is
     * off.
     */
    void wake() {
        if (enabled && passQueued.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    passQueued.set(false);
                    relay();
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: the next start publishes what is left.
                passQueued.set(false);
            }
        }
    }

    private static Map<String, Object> producerConfig(OutboxConfig config, Config mpConfig) {
        Map<String, Object> props = new HashMap<>(PRODUCER_DEFAULTS);
        for (String name : ProducerConfig.configNames()) {
            mpConfig.getOptionalValue("kafka." + name, String.class).ifPresent(value -> props.put(name, value));
        }
        props.putAll(config.kafka());
        // Not overridable: the ordering and durability guarantees rest on them.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Runs on a worker thread, never on the event loop; drains full batches back to back. */
    @Scheduled(identity = "cpa-outbox-relay", every = "${cpa.outbox.interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    synchronized void relay() {
        if (Instant.now().isBefore(nextAttempt)) {
            return;
        }
        Batch batch;
        do {
            batch = publishBatch();
        } while (batch.failure == null && batch.published == config.batchSize());
        if (batch.failure == null) {
            failures = 0;
            return;
        }
        failures++;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 20));
        if (backoff.compareTo(config.maxBackoff()) > 0) {
            backoff = config.maxBackoff();
        }
        nextAttempt = Instant.now().plus(backoff);
        LOG.warnf("Outbox relay stopped after %d event(s) of a batch (%s); next attempt in %s", batch.published,
                batch.failure, backoff);
    }

    private Batch publishBatch() {
        try {
            return QuarkusTransaction.requiringNew()
                    .timeout((int) TimeUnit.MILLISECONDS.toSeconds(ackTimeoutMillis) + 30)
                    .call(this::publishBatchInTransaction);
        } catch (RuntimeException e) {
            return new Batch(0, e);
        }
    }

    private Batch publishBatchInTransaction() throws SQLException, JsonProcessingException {
        try (Connection connection = dataSource.getConnection()) {
            if (!lockRelay(connection)) {
                return new Batch(0, null);
            }
            List<Pending> pending = pending(connection);
            List<Future<RecordMetadata>> acks = new ArrayList<>(pending.size());
            Exception failure = null;
            try {
                for (Pending row : pending) {
                    Future<RecordMetadata> ack = producer().send(row.record);
                    acks.add(ack);
                    // Settled at once means failed (no topic metadata, say): each further send would block as
                    // long again. The waiting below sorts it out.
                    if (ack.isDone()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            List<Long> published = new ArrayList<>(acks.size());
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
                    published.add(pending.get(i).position);
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                    break;
                } catch (TimeoutException e) {
                    failure = e;
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    break;
                }
            }
            if (failure != null) {
                discardProducer();
            }
            markPublished(connection, published);
            return new Batch(published.size(), failure);
        }
    }

    private static boolean lockRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private List<Pending> pending(Connection connection) throws SQLException, JsonProcessingException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT position, topic, key, headers, payload FROM platform_outbox_event
                 WHERE published_at IS NULL ORDER BY position LIMIT ?""")) {
            select.setInt(1, config.batchSize());
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<Header> headers = new ArrayList<>();
                    EventJson.MAPPER.readValue(rows.getString("headers"), HEADERS).forEach((name, value) -> headers
                            .add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
                    pending.add(new Pending(rows.getLong("position"), new ProducerRecord<>(rows.getString("topic"),
                            null, rows.getString("key"), rows.getString("payload"), headers)));
                }
            }
            return pending;
        }
    }

    private static void markPublished(Connection connection, List<Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE platform_outbox_event SET published_at = now() WHERE position = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    /**
     * Drops records still queued after a failure: were they sent later, a key's later event could land
     * before the failed one that the next run publishes again.
     */
    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Scheduled(identity = "cpa-outbox-purge", every = "${cpa.outbox.purge-interval}")
    @Transactional
    void purge() throws SQLException {
        int purged = Purge.olderThan(dataSource, "platform_outbox_event", "published_at", config.retention());
        LOG.debugf("Purged %d published outbox event(s)", purged);
    }

    @PreDestroy
    void close() {
        waker.shutdownNow();
        closeProducer();
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private record Pending(long position, ProducerRecord<String, String> record) {
    }

    private record Batch(int published, Exception failure) {
    }
}
