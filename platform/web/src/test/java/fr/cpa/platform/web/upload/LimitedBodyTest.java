package fr.cpa.platform.web.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A streamed body's bounds alone: its size and its time. No service. */
class LimitedBodyTest {

    @Test
    void aBodyOverItsLimitIsA413() {
        ProblemException large = assertThrows(ProblemException.class, () -> new LimitedBody(
                new ByteArrayInputStream(new byte[11]), 10).transferTo(OutputStream.nullOutputStream()));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, large.type());
    }

    @Test
    void aBodyStillArrivingAfterItsTimeLimitIsA408() throws Exception {
        InputStream slow = new InputStream() {
            @Override
            public int read() {
                sleep();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                sleep();
                b[off] = 'x';
                return 1;
            }
        };
        List<Integer> read = new ArrayList<>();
        ProblemException late = assertThrows(ProblemException.class, () -> {
            try (InputStream body = new LimitedBody(slow, 1_000_000, Duration.ofMillis(200))) {
                while (true) {
                    read.add(body.read());
                }
            }
        });
        assertEquals(ProblemType.REQUEST_TIMEOUT, late.type());
        assertTrue(read.size() >= 2, "read until the limit");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
