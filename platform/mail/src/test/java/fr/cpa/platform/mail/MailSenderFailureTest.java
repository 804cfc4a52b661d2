package fr.cpa.platform.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import fr.cpa.platform.testing.Mailbox;

/** The mailer points at a closed port: every attempt fails. */
@QuarkusTest
@TestProfile(MailSenderFailureTest.FailingSmtp.class)
class MailSenderFailureTest {

    public static class FailingSmtp implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1. Short pauses, so that a few attempts fit in a test.
            return Map.of("quarkus.mailer.port", "1", "cpa.mail.first-backoff", "200ms",
                    "cpa.mail.max-backoff", "400ms");
        }
    }

    /** Keeps what the library logs, formatted. */
    static final class Captured extends Handler {

        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            lines.add(message + (record.getThrown() != null ? " " + record.getThrown() : ""));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Inject
    TestWork work;

    @Inject
    OutboxRows rows;

    private final Captured log = new Captured();
    private final List<String> recipients = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        Logger.getLogger("fr.cpa.platform.mail").addHandler(log);
    }

    @AfterEach
    void removeRowsAndHandler() {
        Logger.getLogger("fr.cpa.platform.mail").removeHandler(log);
        // Left there, they would be sent by a later run against the working sink.
        for (String to : recipients) {
            rows.update("DELETE FROM platform_mail_outbox WHERE recipient = ?", to);
        }
    }

    @Test
    void aMailThatCannotBeSentIsRetriedAndItsRowKeepsItsAttempts() {
        String to = recipient();
        long id = work.queue(to, TestMail.APPLICATION_RECEIVED, Map.of("name", "Camille"));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows.get(id).attempts() >= 3);
        OutboxRows.Row row = rows.get(id);
        assertFalse(row.sent());
        assertFalse(row.givenUp());
        assertTrue(Mailbox.messagesFor(to).isEmpty());

        List<String> lines = log.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Mail " + id + " (APPLICATION_RECEIVED) not sent, attempt 2")),
                "the failures are logged by id: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains(to)), "the recipient is never logged: " + lines);
    }

    @Test
    void aMailNotSentWithinADayIsGivenUp() {
        String to = recipient();
        long id = work.queue(to, TestMail.PLAIN, Map.of());
        // As if it had been queued 25 hours ago and never got through since.
        rows.update("UPDATE platform_mail_outbox SET created_at = now() - interval '25 hours' WHERE id = ?", id);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows.get(id).givenUp());
        int attempts = rows.get(id).attempts();
        assertTrue(attempts >= 1);
        assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("Mail " + id + " (PLAIN) given up after")),
                log.lines().toString());

        // No attempt after it was given up, though its pauses are short.
        sleep(Duration.ofSeconds(1));
        assertEquals(attempts, rows.get(id).attempts());
        assertFalse(rows.get(id).sent());
        assertTrue(log.lines().stream().noneMatch(l -> l.contains(to)), log.lines().toString());
    }

    private String recipient() {
        String to = MailOutboxTest.address();
        recipients.add(to);
        return to;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
