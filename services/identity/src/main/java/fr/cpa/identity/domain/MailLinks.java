package fr.cpa.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.cpa.identity.persistence.Holder;
import fr.cpa.identity.persistence.MailToken;
import fr.cpa.identity.persistence.MailToken.Purpose;

/**
 * Single-use links sent by mail (validation of the e-mail, password reset, e-mail change). A link carries 256 random
 * bits; the database keeps only their SHA-256, and a link dies when used, when expired, or when a newer link of the
 * same purpose is sent to the same holder.
 */
@ApplicationScoped
public class MailLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String spaUrl;
    private final Duration emailValidation;
    private final Duration passwordReset;
    private final Duration emailChange;
    private final Clock clock;

    MailLinks(@ConfigProperty(name = "cpa.identity.spa-url") String spaUrl,
            @ConfigProperty(name = "cpa.identity.links.email-validation") Duration emailValidation,
            @ConfigProperty(name = "cpa.identity.links.password-reset") Duration passwordReset,
            @ConfigProperty(name = "cpa.identity.links.email-change") Duration emailChange, Clock clock) {
        this.clock = clock;
        this.spaUrl = spaUrl;
        this.emailValidation = emailValidation;
        this.passwordReset = passwordReset;
        this.emailChange = emailChange;
    }

    /** A new link: its URL (to the SPA page that posts the token back) and how long it lives, in words. */
    public record Link(String url, String validity) {
    }

    @Transactional(TxType.MANDATORY)
    public Link issue(Holder holder, Purpose purpose, String newEmail) {
        MailToken.update("usedAt = ?1 where holderId = ?2 and purpose = ?3 and usedAt is null", Instant.now(clock),
                holder.id, purpose);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        MailToken stored = new MailToken();
        stored.tokenHash = hash(token);
        stored.purpose = purpose;
        stored.holderId = holder.id;
        stored.newEmail = newEmail;
        stored.createdAt = Instant.now(clock);
        stored.expiresAt = stored.createdAt.plus(lifetime(purpose));
        stored.persist();
        return new Link(spaUrl + page(purpose) + "?token=" + token, inWords(lifetime(purpose)));
    }

    /** The link's page for a reset asked without a token (the warning mail of a duplicate registration). */
    public String passwordResetPage() {
        return spaUrl + page(Purpose.PASSWORD_RESET);
    }

    public enum Outcome {
        VALID, EXPIRED, USED, UNKNOWN
    }

    public record Use(Outcome outcome, MailToken token) {
    }

    /**
     * Uses the link in the caller's transaction (locked, so two clicks cannot both use it): the token is marked used
     * now and the mark stands only if the caller commits.
     */
    @Transactional(TxType.MANDATORY)
    public Use use(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return new Use(Outcome.UNKNOWN, null);
        }
        Optional<MailToken> found = MailToken.<MailToken>findByIdOptional(hash(token), LockModeType.PESSIMISTIC_WRITE)
                .filter(t -> t.purpose == purpose);
        if (found.isEmpty()) {
            return new Use(Outcome.UNKNOWN, null);
        }
        MailToken stored = found.get();
        if (stored.usedAt != null) {
            return new Use(Outcome.USED, stored);
        }
        if (!Instant.now(clock).isBefore(stored.expiresAt)) {
            return new Use(Outcome.EXPIRED, stored);
        }
        stored.usedAt = Instant.now(clock);
        return new Use(Outcome.VALID, stored);
    }

    private Duration lifetime(Purpose purpose) {
        return switch (purpose) {
            case EMAIL_VALIDATION -> emailValidation;
            case PASSWORD_RESET -> passwordReset;
            case EMAIL_CHANGE -> emailChange;
        };
    }

    private static String page(Purpose purpose) {
        return switch (purpose) {
            case EMAIL_VALIDATION -> "/inscription/validation";
            case PASSWORD_RESET -> "/mot-de-passe/nouveau";
            case EMAIL_CHANGE -> "/profil/adresse-electronique/validation";
        };
    }

    private static String inWords(Duration duration) {
        long hours = duration.toHours();
        return hours >= 48 && hours % 24 == 0 ? hours / 24 + " jours" : hours + (hours > 1 ? " heures" : " heure");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
