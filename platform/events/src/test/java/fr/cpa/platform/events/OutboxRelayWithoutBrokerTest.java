package fr.cpa.platform.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no broker at all, the application starts, a relay run fails in bounded time and the outbox keeps all. */
@QuarkusTest
@TestProfile(OutboxRelayWithoutBrokerTest.NoBroker.class)
class OutboxRelayWithoutBrokerTest {

    public static class NoBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1. The relay runs only when the test calls it.
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1", "cpa.outbox.interval", "off");
        }
    }

    private static final int EVENTS = 40;

    @Inject
    TestWork work;

    @Inject
    OutboxRelay relay;

    @Inject
    TestSql sql;

    @Test
    void aRunFailsWithinTheProducerTimeoutsAndPublishesNothing() {
        String runId = "no-broker-" + UUID.randomUUID();
        for (int i = 0; i < EVENTS; i++) {
            work.append(new SequencedTestEvent(runId, runId, i));
        }

        long begin = System.nanoTime();
        relay.relay();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        // One metadata wait (max.block.ms, 3 s here), not one per event.
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "relay run took " + took);
        assertEquals(EVENTS, sql.number("""
                SELECT count(*) FROM platform_outbox_event
                 WHERE payload->'payload'->>'runId' = ? AND published_at IS NULL""", runId));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'outbox' }.status", is("UP"))
                .body("checks.find { it.name == 'outbox' }.data.pending", greaterThanOrEqualTo(EVENTS))
                .body("checks.find { it.name == 'outbox' }.data.oldestPendingSeconds", notNullValue());
    }
}
