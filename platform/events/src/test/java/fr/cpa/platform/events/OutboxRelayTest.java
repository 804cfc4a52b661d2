package fr.cpa.platform.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.web.CorrelationId;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    TestWork work;

    @Inject
    TestSql sql;

    @Inject
    DataSource dataSource;

    @AfterEach
    void unbind() {
        CorrelationId.unbind();
    }

    @Test
    void publishesTheEnvelopeKeyedBySubjectWithItsHeadersThenMarksTheRow() {
        LocalKafka.requireUp();
        try (KafkaConsumer<String, String> consumer = LocalKafka.consumerAtEndOf(TestWork.TOPIC)) {
            CorrelationId.bind("relay-test-" + UUID.randomUUID());
            EventEnvelope sent = work.append(new OrderPlacedTestEvent("holder-" + UUID.randomUUID(),
                    "order-" + UUID.randomUUID(), 99_99, LocalDate.of(2027, 1, 4), List.of("M1805")));

            ConsumerRecord<String, String> received = receive(consumer, sent);

            assertEquals(sent.subjectKey(), received.key());
            assertEquals(sent, EventEnvelope.fromJson(received.value()));
            Map<String, String> headers = new HashMap<>();
            for (Header header : received.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            assertEquals(sent.kafkaHeaders(), headers);
            await().atMost(Duration.ofSeconds(10)).until(() -> published(sent) == 1);
        }
    }

    @Test
    void noRelayPublishesWhileAnotherHoldsTheDatabasesRelayLock() throws Exception {
        LocalKafka.requireUp();
        EventEnvelope sent;
        try (Connection other = dataSource.getConnection()) {
            advisoryLock(other, "pg_advisory_lock");
            try {
                sent = work.append(new SequencedTestEvent("lock-" + UUID.randomUUID(), "k", 0));
                // The relay runs every second.
                Thread.sleep(3_000);
                assertEquals(0, published(sent));
            } finally {
                advisoryLock(other, "pg_advisory_unlock");
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> published(sent) == 1);
    }

    @Test
    void readinessReportsTheOutboxBacklog() {
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'outbox' }.status", is("UP"))
                .body("checks.find { it.name == 'outbox' }.data.pending", greaterThanOrEqualTo(0));
    }

    private long published(EventEnvelope event) {
        return sql.number("SELECT count(*) FROM platform_outbox_event WHERE event_id = ? AND published_at IS NOT NULL",
                event.id());
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.execute();
        }
    }

    private static ConsumerRecord<String, String> receive(KafkaConsumer<String, String> consumer,
            EventEnvelope sent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                Header id = record.headers().lastHeader(EventHeaders.EVENT_ID);
                if (id != null && sent.id().toString().equals(new String(id.value(), StandardCharsets.UTF_8))) {
                    return record;
                }
            }
        }
        throw new AssertionError("Event " + sent.id() + " not received within 30 s");
    }
}
