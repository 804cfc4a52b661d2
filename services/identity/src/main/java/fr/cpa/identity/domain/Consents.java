package fr.cpa.identity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.cpa.identity.client.KeycloakUsers;
import fr.cpa.identity.persistence.AccessLogEntry;
import fr.cpa.identity.persistence.Consent;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Holders' grants to advisor agencies, and the check every service makes before an advisor reads a holder's data:
 * allowed only under a live grant for that scope, and recorded either way in the holder's access log.
 */
@ApplicationScoped
public class Consents {

    /** The parts of a holder's data an advisor may be allowed to read. */
    public static final Set<String> SCOPES = Set.of("rights", "project", "applications", "payslips");

    public static final ProblemType NO_CONSENT = ProblemType.of("no-consent", 403,
            "The holder has not granted you access to this data, or the grant has ended.");

    private final KeycloakUsers keycloak;
    private final Duration maxDuration;
    private final Clock clock;

    Consents(KeycloakUsers keycloak, Clock clock,
            @ConfigProperty(name = "cpa.identity.consents.max-duration") Duration maxDuration) {
        this.keycloak = keycloak;
        this.clock = clock;
        this.maxDuration = maxDuration;
    }

    @Transactional
    public Consent grant(UUID holderId, String advisor, List<String> scopes, Integer durationDays) {
        Holders.active(holderId);
        List<FieldError> errors = new ArrayList<>();
        if (advisor == null || advisor.isBlank() || advisor.length() > 100) {
            errors.add(new FieldError("advisor", "is required: the identifier of an advisor agency"));
        } else if (!keycloak.isAdvisorAgency(advisor)) {
            errors.add(new FieldError("advisor", "is not a known advisor agency"));
        }
        Set<String> chosen = new LinkedHashSet<>();
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one of " + String.join(", ", sorted(SCOPES))));
        } else {
            for (int i = 0; i < scopes.size(); i++) {
                if (!SCOPES.contains(scopes.get(i))) {
                    errors.add(new FieldError("scopes[" + i + "]", "must be one of " + String.join(", ", sorted(SCOPES))));
                } else {
                    chosen.add(scopes.get(i));
                }
            }
        }
        long maxDays = maxDuration.toDays();
        if (durationDays == null || durationDays < 1 || durationDays > maxDays) {
            errors.add(new FieldError("durationDays", "must be between 1 and " + maxDays + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The grant is invalid.", errors);
        }
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.holderId = holderId;
        consent.advisor = advisor;
        consent.scopes = String.join(",", chosen);
        consent.grantedAt = clock.instant();
        consent.expiresAt = consent.grantedAt.plus(Duration.ofDays(durationDays));
        consent.persist();
        return consent;
    }

    @Transactional
    public List<Consent> list(UUID holderId) {
        Holders.active(holderId);
        return Consent.ofHolder(holderId);
    }

    /** Ends a grant now. Revoking an ended grant changes nothing; another holder's grant is not found. */
    @Transactional
    public Consent revoke(UUID holderId, UUID consentId) {
        Consent consent = Consent.<Consent>findByIdOptional(consentId)
                .filter(c -> c.holderId.equals(holderId))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such grant."));
        if (consent.revokedAt == null) {
            consent.revokedAt = clock.instant();
        }
        return consent;
    }

    /**
     * Whether this advisor may read this scope of this holder's data now; the access is recorded whatever the
     * answer. An unknown or closed holder is refused like a missing grant, so the check reveals nothing.
     */
    @Transactional
    public boolean check(String advisor, UUID holderId, String scope, String resource) {
        Instant now = clock.instant();
        Optional<Holder> holder = Holder.<Holder>findByIdOptional(holderId)
                .filter(h -> h.status == Holder.Status.ACTIVE);
        if (holder.isEmpty()) {
            return false;
        }
        Optional<Consent> live = Consent.between(holderId, advisor).stream()
                .filter(c -> c.liveAt(now) && c.scopeList().contains(scope))
                .findFirst();
        AccessLogEntry entry = new AccessLogEntry();
        entry.holderId = holderId;
        entry.advisor = advisor;
        entry.scope = scope;
        entry.resource = resource;
        entry.granted = live.isPresent();
        entry.consentId = live.map(c -> c.id).orElse(null);
        entry.at = now;
        entry.persist();
        return live.isPresent();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
