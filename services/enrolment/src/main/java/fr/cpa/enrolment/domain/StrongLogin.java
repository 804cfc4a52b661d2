package fr.cpa.enrolment.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import fr.cpa.platform.web.problem.ProblemException;

/**
 * Buying a training needs a recent login through FranceConnect+ at eIDAS level substantial or high, read from the
 * token's {@code acr} and {@code auth_time} (the national platform requires it since 25 October 2022).
 */
public final class StrongLogin {

    /** The acr values FranceConnect+ sends for eIDAS substantial and high. */
    public static final Set<String> SUBSTANTIAL_OR_HIGHER = Set.of("eidas2", "eidas3");

    /** How the SPA steps up: a new login through FranceConnect+, asking for that level. */
    public static final String STEP_UP = "Log in again through FranceConnect+ (authorization request with "
            + "kc_idp_hint=franceconnect, acr_values=eidas2 and prompt=login), then confirm within ";

    private StrongLogin() {
    }

    /**
     * Refuses with 401 strong-login-required unless the login is at eIDAS substantial or higher and no older than
     * {@code maxAge}.
     *
     * @param authTime the token's auth_time in epoch seconds, or null
     */
    public static void require(String acr, Long authTime, Instant now, Duration maxAge, LocalDate today) {
        if (EnrolmentRules.strongLoginRequired(today).isEmpty()) {
            return;
        }
        String minutes = maxAge.toMinutes() + " minutes.";
        if (acr == null || !SUBSTANTIAL_OR_HIGHER.contains(acr)) {
            throw new ProblemException(EnrolmentProblems.STRONG_LOGIN, "This login is not at eIDAS level "
                    + "substantial. " + STEP_UP + minutes);
        }
        if (authTime == null || Instant.ofEpochSecond(authTime).isBefore(now.minus(maxAge))) {
            throw new ProblemException(EnrolmentProblems.STRONG_LOGIN, "The FranceConnect+ login is older than "
                    + minutes + " " + STEP_UP + minutes);
        }
    }
}
