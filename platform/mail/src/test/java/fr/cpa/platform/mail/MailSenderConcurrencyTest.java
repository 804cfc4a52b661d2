package fr.cpa.platform.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import fr.cpa.platform.testing.Mailbox;

/** Sender runs started by the test only, as two instances' runs would overlap. */
@QuarkusTest
@TestProfile(MailSenderConcurrencyTest.ManualRuns.class)
class MailSenderConcurrencyTest {

    public static class ManualRuns implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Short pauses: a mail the SMTP sink turned away once (it happens under load) is due again soon.
            return Map.of("cpa.mail.interval", "off", "cpa.mail.batch-size", "1000",
                    "cpa.mail.first-backoff", "200ms", "cpa.mail.max-backoff", "400ms");
        }
    }

    private static final int MAILS = 30;

    @Inject
    TestWork work;

    @Inject
    MailSender sender;

    @Inject
    OutboxRows rows;

    @Inject
    DataSource dataSource;

    @Test
    void twoConcurrentRunsSendEachMailOnce() throws Exception {
        List<String> recipients = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < MAILS; i++) {
            String to = MailOutboxTest.address();
            recipients.add(to);
            ids.add(work.queue(to, TestMail.PLAIN, Map.of()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return sender.sendDue();
            });
            Future<Integer> second = pool.submit(() -> {
                start.await();
                return sender.sendDue();
            });
            start.countDown();
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // Every mail the two runs left was one whose sending failed, and is due again: none was skipped.
        for (long id : ids) {
            OutboxRows.Row row = rows.get(id);
            assertTrue(row.sent() || row.attempts() > 0, "mail " + id + " was sent or tried");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sender.sendDue();
            return ids.stream().allMatch(id -> rows.get(id).sent());
        });
        for (String to : recipients) {
            // The sink has every mail as soon as the SMTP exchange ended.
            assertEquals(1, Mailbox.messagesFor(to).size(), "one mail to " + to);
        }
    }

    @Test
    void aMailLockedByAnotherRunIsSkippedNotWaitedFor() throws Exception {
        String to = MailOutboxTest.address();
        long id = work.queue(to, TestMail.PLAIN, Map.of());

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService otherRun = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = otherRun.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                try (var connection = dataSource.getConnection();
                        var lock = connection.prepareStatement(
                                "SELECT id FROM platform_mail_outbox WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, id);
                    lock.executeQuery().close();
                    locked.countDown();
                    release.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));

            assertTimeout(Duration.ofSeconds(10), () -> sender.sendDue());
            assertFalse(rows.get(id).sent());
            assertTrue(Mailbox.messagesFor(to).isEmpty());

            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            otherRun.shutdownNow();
        }
        sender.sendDue();
        assertTrue(rows.get(id).sent());
        assertEquals(1, Mailbox.messagesFor(to).size());
    }
}
