package fr.cpa.platform.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.Mailbox;

/** The outbox against the local stack's database and SMTP sink, its sender running every second. */
@QuarkusTest
class MailOutboxTest {

    static final Duration MAIL = Duration.ofSeconds(20);

    @Inject
    TestWork work;

    @Inject
    Mails mails;

    @Inject
    OutboxRows rows;

    @Test
    void aMailQueuedInACommittedTransactionIsDeliveredWithItsParametersFilledIn() {
        String to = address();
        long id = work.queue(to, TestMail.APPLICATION_RECEIVED,
                Map.of("name", "Camille", "training", "Soudure à l'arc", "file", "D-2026-0042"));

        Mailbox.Mail mail = Mailbox.await(to, m -> true, MAIL);
        assertEquals("Votre demande a été reçue", mail.subject());
        String text = mail.text();
        assertTrue(text.contains("Bonjour Camille,"), text);
        assertTrue(text.contains("« Soudure à l'arc » est enregistrée sous le numéro D-2026-0042."), text);
        assertFalse(text.contains("{"), text);

        await().atMost(MAIL).until(() -> rows.get(id).sent());
        OutboxRows.Row row = rows.get(id);
        assertEquals("APPLICATION_RECEIVED", row.template());
        assertEquals(0, row.attempts());
        assertEquals(1, Mailbox.messagesFor(to).size());
    }

    @Test
    void templatesOfEveryListedEnumAreSent() {
        String to = address();
        work.queue(to, ReminderTestMail.REMINDER, Map.of("date", "lundi 5 octobre 2026"));

        Mailbox.Mail mail = Mailbox.await(to, m -> true, MAIL);
        assertEquals("Rappel : votre session commence bientôt", mail.subject());
        assertTrue(mail.text().contains("Votre session commence le lundi 5 octobre 2026."), mail.text());
    }

    @Test
    void aMailQueuedInARolledBackTransactionIsNeverSent() {
        String rolledBack = address();
        AtomicLong queued = new AtomicLong();
        assertThrows(IllegalStateException.class, () -> work.queueThenFail(rolledBack, TestMail.PLAIN, queued));
        assertTrue(queued.get() > 0, "the row was written before the failure");
        assertTrue(rows.byId(queued.get()).isEmpty());

        // Queued after it: once this one is delivered, the sender has gone past where the other would have been.
        String committed = address();
        work.queue(committed, TestMail.PLAIN, Map.of());
        Mailbox.await(committed, m -> true, MAIL);
        assertTrue(Mailbox.messagesFor(rolledBack).isEmpty());
    }

    @Test
    void queueingOutsideATransactionIsRefused() {
        String to = address();
        assertThrows(TransactionalException.class, () -> mails.send(to, TestMail.PLAIN, Map.of()));
        assertEquals(0, rows.countFor(to));
    }

    @Test
    void aTemplateNoBeanListsIsRefused() {
        String to = address();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> work.queue(to, UnlistedTestMail.PLAIN, Map.of()));
        assertTrue(refused.getMessage().contains("PLAIN"), refused.getMessage());
        assertEquals(0, rows.countFor(to));
    }

    static String address() {
        return "mail-test-" + UUID.randomUUID() + "@cpa.localhost";
    }
}
