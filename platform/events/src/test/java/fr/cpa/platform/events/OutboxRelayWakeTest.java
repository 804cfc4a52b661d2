package fr.cpa.platform.events;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An event leaves as soon as its transaction commits, not at the relay's next scheduled run. */
@QuarkusTest
@TestProfile(OutboxRelayWakeTest.RareRuns.class)
class OutboxRelayWakeTest {

    public static class RareRuns implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // The scheduled run is an hour away: only the wake after commit can publish within the test.
            return Map.of("cpa.outbox.interval", "1h");
        }
    }

    @Inject
    TestWork work;

    @Inject
    TestSql sql;

    @Test
    void aCommittedEventIsPublishedWithinMomentsWithoutWaitingForTheSchedule() {
        LocalKafka.requireUp();
        // The scheduler's first run happens at start; this event comes after it.
        EventEnvelope sent = work.append(new SequencedTestEvent("wake-" + UUID.randomUUID(), "k", 0));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> sql.number(
                "SELECT count(*) FROM platform_outbox_event WHERE event_id = ? AND published_at IS NOT NULL",
                sent.id()) == 1);
    }
}
