package fr.cpa.platform.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Events appended while the real broker stops and comes back are all applied, once each, in order per key:
 * the outbox holds them while Kafka is away, the relay resumes from the first unacknowledged one, and the
 * consumer's de-duplication absorbs what is published or delivered twice.
 */
@QuarkusTest
class OutboxRelayOutageTest {

    private static final Logger LOG = Logger.getLogger(OutboxRelayOutageTest.class);
    private static final int KEYS = 30;
    private static final int EVENTS = 600;
    /** The writer waits there for the broker to be stopped, then to be back, so that each phase has appends. */
    private static final int WAIT_FOR_STOP_AT = 350;
    private static final int WAIT_FOR_START_AT = 500;

    @Inject
    TestWork work;

    @Inject
    TestSql sql;

    @Test
    void everyEventIsAppliedOnceAndInOrderPerKeyAcrossABrokerOutage() throws Exception {
        LocalKafka.requireUp();
        String runId = "outage-" + UUID.randomUUID();
        int redeliveriesBefore = SequencedEventSink.REDELIVERIES.get();
        AtomicInteger appended = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        int appendedWhileDown;
        long begin = System.nanoTime();

        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    if (i == WAIT_FOR_STOP_AT) {
                        stopped.await();
                    } else if (i == WAIT_FOR_START_AT) {
                        started.await();
                    }
                    work.append(new SequencedTestEvent(runId, runId + "-key-" + i % KEYS, i / KEYS));
                    appended.incrementAndGet();
                    Thread.sleep(15);
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> appended.get() >= 150);
            LocalKafka.script("stop");
            int atStop = appended.get();
            long stoppedAt = System.nanoTime();
            stopped.countDown();
            // Long enough for several failed relay runs: in-flight sends expiring, then no metadata at all.
            await().atMost(Duration.ofSeconds(30)).until(() -> appended.get() >= atStop + 150
                    && System.nanoTime() - stoppedAt > TimeUnit.SECONDS.toNanos(10));
            appendedWhileDown = appended.get() - atStop;
            LocalKafka.script("up");
            LOG.infof("broker back after %d s away", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt));
            started.countDown();
            writing.get(60, TimeUnit.SECONDS);
        } finally {
            stopped.countDown();
            started.countDown();
            writer.shutdownNow();
            if (!LocalKafka.isUp()) {
                LocalKafka.script("up");
            }
        }
        LOG.infof("%d events appended in %d s, %d of them while the broker was stopped", appended.get(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), appendedWhileDown);
        assertEquals(EVENTS, appended.get());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(
                EVENTS, sql.number("SELECT count(*) FROM platform_events_test_effect WHERE run_id = ?", runId),
                "events applied"));
        LOG.infof("all applied %d s after the start; %d redelivered event(s) were recognised and skipped",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin),
                SequencedEventSink.REDELIVERIES.get() - redeliveriesBefore);

        assertEquals(0, sql.number("""
                SELECT count(*) FROM platform_outbox_event
                 WHERE payload->'payload'->>'runId' = ? AND published_at IS NULL""", runId), "left unpublished");
        assertEquals(List.of((long) EVENTS, (long) EVENTS), sql.rows(
                "SELECT count(*), count(DISTINCT event_id) FROM platform_events_test_effect WHERE run_id = ?",
                runId).get(0), "effects, distinct events");
        Map<String, List<Integer>> sequencesByKey = new LinkedHashMap<>();
        for (List<Object> row : sql.rows(
                "SELECT key, sequence FROM platform_events_test_effect WHERE run_id = ? ORDER BY applied", runId)) {
            sequencesByKey.computeIfAbsent((String) row.get(0), k -> new ArrayList<>()).add((Integer) row.get(1));
        }
        assertEquals(KEYS, sequencesByKey.size());
        List<Integer> expected = new ArrayList<>();
        for (int sequence = 0; sequence < EVENTS / KEYS; sequence++) {
            expected.add(sequence);
        }
        sequencesByKey.forEach((key, sequences) -> assertEquals(expected, sequences, "applying order of " + key));
        assertTrue(appendedWhileDown > 0);
    }
}
