package fr.cpa.platform.web.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** The upload caps alone. No service. */
class UploadSlotsTest {

    private final UploadSlots slots = new UploadSlots(2, 3, Duration.ofSeconds(30));

    @Test
    void aClientGetsTwoSlotsThenA429WithItsRetryDelay() {
        UploadSlots.Slot first = slots.acquire("a");
        slots.acquire("a");
        ProblemException full = assertThrows(ProblemException.class, () -> slots.acquire("a"));
        assertEquals(ProblemType.TOO_MANY_REQUESTS, full.type());
        assertEquals(Duration.ofSeconds(30), full.retryAfter());
        assertEquals(2, slots.taken("a"));

        first.close();
        slots.acquire("a");
        assertEquals(2, slots.taken("a"));
    }

    @Test
    void theTotalCapsAllClientsTogether() {
        slots.acquire("a");
        slots.acquire("a");
        UploadSlots.Slot b = slots.acquire("b");
        ProblemException full = assertThrows(ProblemException.class, () -> slots.acquire("c"));
        assertEquals(429, full.type().status());
        assertEquals(3, slots.taken());

        b.close();
        slots.acquire("c");
        assertEquals(0, slots.taken("b"));
        assertEquals(3, slots.taken());
    }

    @Test
    void closingASlotTwiceReleasesItOnce() {
        UploadSlots.Slot slot = slots.acquire("a");
        slots.acquire("b");
        slot.close();
        slot.close();
        assertEquals(1, slots.taken());
        assertEquals(0, slots.taken("a"));
    }

    @Test
    void aSlotIsReleasedWhenItsUploadFails() {
        assertThrows(ProblemException.class, () -> {
            try (UploadSlots.Slot slot = slots.acquire("a")) {
                new LimitedBody(new ByteArrayInputStream(new byte[100]), 10).transferTo(OutputStream.nullOutputStream());
            }
        });
        assertEquals(0, slots.taken());
    }

    @Test
    void concurrentClientsNeverTakeMoreThanTheCaps() throws InterruptedException {
        UploadSlots shared = new UploadSlots(2, 8, Duration.ofSeconds(1));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        AtomicInteger maxSeen = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(16 * 200);
        for (int t = 0; t < 16; t++) {
            String client = "client-" + (t % 5);
            threads.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    try (UploadSlots.Slot slot = shared.acquire(client)) {
                        maxSeen.accumulateAndGet(shared.taken(), Math::max);
                        if (shared.taken(client) > 2) {
                            throw new AssertionError("over the client's cap");
                        }
                    } catch (ProblemException e) {
                        // full: the next round tries again
                    } finally {
                        done.countDown();
                    }
                }
            });
        }
        done.await(30, TimeUnit.SECONDS);
        threads.shutdown();
        assertEquals(0, shared.taken());
        assertTrue(maxSeen.get() <= 8, "at most 8 at once, saw " + maxSeen.get());
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UploadSlots(0, 8, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new UploadSlots(3, 2, Duration.ofSeconds(1)));
    }
}
