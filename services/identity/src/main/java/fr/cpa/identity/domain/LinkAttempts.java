package fr.cpa.identity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import fr.cpa.identity.persistence.FranceConnectLinkFailures;

/**
 * How many NIRs a FranceConnect identity may try when linking: after {@code max-failures} wrong ones, linking is
 * locked for {@code lock-duration}. A failure is counted in a transaction of its own, so the refusal's rollback
 * does not undo it.
 */
@ApplicationScoped
public class LinkAttempts {

    private static final Logger LOG = Logger.getLogger(LinkAttempts.class);

    private final FranceConnectLinkFailures failures;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockDuration;

    LinkAttempts(FranceConnectLinkFailures failures, Clock clock,
            @ConfigProperty(name = "cpa.identity.franceconnect.link.max-failures") int maxFailures,
            @ConfigProperty(name = "cpa.identity.franceconnect.link.lock-duration") Duration lockDuration) {
        this.failures = failures;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
    }

    public boolean locked(String franceConnectId) {
        return failures.lockedUntil(franceConnectId, clock.instant()) != null;
    }

    public void failed(String franceConnectId) {
        Instant now = clock.instant();
        failures.count(franceConnectId, maxFailures, now, now.plus(lockDuration));
        if (locked(franceConnectId)) {
            LOG.warnf("FranceConnect linking locked after %d wrong social security numbers", maxFailures);
        }
    }
}
