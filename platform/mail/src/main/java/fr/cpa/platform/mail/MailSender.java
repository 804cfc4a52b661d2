package fr.cpa.platform.mail;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Sends the mail outbox over SMTP (the service's {@code quarkus.mailer}). Each mail is claimed, sent and marked in a
 * transaction of its own, its row locked with SKIP LOCKED: several instances share the work without sending a mail
 * twice, and a slow server holds one row at a time. A mail that fails is tried again after a pause that doubles from
 * {@code cpa.mail.first-backoff} up to {@code cpa.mail.max-backoff}, and given up once the next attempt would come
 * more than {@code cpa.mail.give-up-after} after it was queued; its row keeps the count of attempts. Logs name a mail
 * by its id and template, never by its recipient (personal data), nor with an exception's message (an SMTP answer
 * may quote the address).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Mailer mailer;
    private final KnownTemplates known;
    private final MailConfig config;

    MailSender(DataSource dataSource, Mailer mailer, KnownTemplates known, MailConfig config) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.known = known;
        this.config = config;
    }

    /** Runs on a worker thread. Overlapping runs are skipped in one instance; other instances' runs may overlap. */
    @Scheduled(identity = "cpa-mail-sender", every = "${cpa.mail.interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // The database is away, say: the next run tries again. The statements carry no recipient.
            LOG.warnf("Mail sender run stopped: %s", e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Tries the mails due now, oldest first, up to the batch size; answers how many were sent. */
    int sendDue() {
        int sent = 0;
        for (int i = 0; i < config.batchSize(); i++) {
            Outcome outcome = QuarkusTransaction.requiringNew().call(this::sendNext);
            if (outcome == Outcome.NONE_DUE) {
                break;
            }
            if (outcome == Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    private Outcome sendNext() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Pending> next = claim(connection);
            if (next.isEmpty()) {
                return Outcome.NONE_DUE;
            }
            Pending mail = next.get();
            try {
                MailTemplate template = known.templates().byName(mail.template).orElseThrow(
                        () -> new UnknownTemplateException(mail.template));
                Map<String, String> parameters = Mails.JSON.readValue(mail.parameters, PARAMETERS);
                mailer.send(Mail.withText(mail.recipient, template.subject(), template.render(parameters)));
            } catch (RuntimeException | IOException e) {
                failed(connection, mail, e);
                return Outcome.FAILED;
            }
            markSent(connection, mail.id);
            return Outcome.SENT;
        }
    }

    private static Optional<Pending> claim(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, recipient, template, parameters::text, attempts FROM platform_mail_outbox
                 WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
                 ORDER BY next_attempt_at, id LIMIT 1
                   FOR UPDATE SKIP LOCKED""");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Pending(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getInt(5)));
        }
    }

    private static void markSent(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE platform_mail_outbox SET sent_at = clock_timestamp() WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    private void failed(Connection connection, Pending mail, Exception failure) throws SQLException {
        int attempts = mail.attempts + 1;
        Duration pause = backoff(attempts, config.firstBackoff(), config.maxBackoff());
        boolean givenUp;
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE platform_mail_outbox
                   SET attempts = ?,
                       next_attempt_at = clock_timestamp() + make_interval(secs => ?),
                       given_up_at = CASE WHEN clock_timestamp() + make_interval(secs => ?)
                                              > created_at + make_interval(secs => ?)
                                          THEN clock_timestamp() END
                 WHERE id = ? RETURNING given_up_at IS NOT NULL""")) {
            double pauseSeconds = pause.toMillis() / 1000.0;
            update.setInt(1, attempts);
            update.setDouble(2, pauseSeconds);
            update.setDouble(3, pauseSeconds);
            update.setDouble(4, config.giveUpAfter().toMillis() / 1000.0);
            update.setLong(5, mail.id);
            try (ResultSet result = update.executeQuery()) {
                givenUp = result.next() && result.getBoolean(1);
            }
        }
        String cause = failure instanceof UnknownTemplateException
                ? "template unknown to this instance"
                : rootCause(failure).getClass().getSimpleName();
        if (givenUp) {
            LOG.errorf("Mail %d (%s) given up after %d attempt(s): %s", mail.id, mail.template, attempts, cause);
        } else {
            LOG.warnf("Mail %d (%s) not sent, attempt %d: %s; next attempt in %s", mail.id, mail.template, attempts,
                    cause, pause);
        }
    }

    /** The innermost cause: the mailer wraps an SMTP failure (ConnectException, SMTPException...) in others. */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The pause after the given number of failed attempts: the first one, doubled each time, at most the longest. */
    static Duration backoff(int attempts, Duration first, Duration longest) {
        Duration pause = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return pause.compareTo(longest) > 0 ? longest : pause;
    }

    private enum Outcome {
        SENT, FAILED, NONE_DUE
    }

    private record Pending(long id, String recipient, String template, String parameters, int attempts) {
    }

    /** A queued mail's template is not among this instance's (a newer instance queued it, or it was removed). */
    private static final class UnknownTemplateException extends RuntimeException {

        UnknownTemplateException(String name) {
            super(name, null, false, false);
        }
    }
}
