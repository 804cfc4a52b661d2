package fr.cpa.identity.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.LockOptions;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;

import fr.cpa.identity.domain.MailTemplate;
import fr.cpa.identity.persistence.PendingMail;

/**
 * Sends the mail outbox over SMTP. Rows are locked with SKIP LOCKED, so several instances share the work without
 * sending a mail twice; a failed mail is retried with a growing pause, and given up after a day of attempts.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final int BATCH = 50;
    private static final int MAX_ATTEMPTS = 12;

    private final Mailer mailer;
    private final EntityManager entityManager;

    MailSender(Mailer mailer, EntityManager entityManager) {
        this.mailer = mailer;
        this.entityManager = entityManager;
    }

    @Scheduled(every = "${cpa.identity.mail.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sendPending() {
        List<PendingMail> batch = entityManager.createQuery("""
                        from PendingMail where sentAt is null and attempts < :max and nextAttemptAt <= :now
                        order by id""", PendingMail.class)
                .setParameter("max", MAX_ATTEMPTS)
                .setParameter("now", Instant.now())
                .setMaxResults(BATCH)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .getResultList();
        for (PendingMail pending : batch) {
            MailTemplate template = MailTemplate.valueOf(pending.template);
            try {
                mailer.send(Mail.withText(pending.recipient, template.subject(), template.render(pending.parameters)));
                pending.sentAt = Instant.now();
            } catch (RuntimeException e) {
                pending.attempts++;
                pending.nextAttemptAt = Instant.now().plus(Duration.ofSeconds(Math.min(3600, 5L << pending.attempts)));
                // The recipient is personal data: the mail is named by its id only.
                LOG.warnf("Mail %d (%s) not sent, attempt %d: %s", pending.id, template, pending.attempts,
                        e.getClass().getSimpleName());
            }
        }
    }
}
