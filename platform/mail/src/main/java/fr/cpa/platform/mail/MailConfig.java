package fr.cpa.platform.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cpa.mail.*}: the sender of the mail outbox. The SMTP server is the service's {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "cpa.mail")
public interface MailConfig {

    /** The sender's period; {@code off} disables it. Read by its {@code @Scheduled}. */
    @WithDefault("2s")
    String interval();

    /** Mails tried at most per run (each in its own transaction). */
    @WithDefault("50")
    int batchSize();

    /** The pause after a mail's first failed attempt; it doubles after each further one. */
    @WithDefault("10s")
    Duration firstBackoff();

    /** The longest pause between two attempts of a mail. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** A mail not sent this long after it was queued is given up: no attempt is made past it. */
    @WithDefault("24h")
    Duration giveUpAfter();
}
