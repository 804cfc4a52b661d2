package fr.cpa.platform.web.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Who calls, from the verified token: a machine by its client id, with its roles and claims, a company (employer,
 * training organisation) by its SIRET and another organisation (funder, certifier) by its {@code organisation}
 * claim — from the token only, so that a body or a path cannot act for another. A person is named by {@code sub}
 * only: tokens carry no login name, which for a holder would be their NIR.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    // The token is read from the identity's principal rather than injected: a service without a token verifier (these
    // libraries' own tests) still builds, and simply has no claims.
    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The client the token was issued to. */
    public String clientId() {
        String azp = claim("azp");
        String clientId = azp != null ? azp : claim("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token names no client.");
        }
        return clientId;
    }

    /** A claim of the token (null when absent). */
    public String claim(String name) {
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(name) : null;
    }

    /** A numeric claim of the token (an epoch-seconds time such as {@code auth_time}); null when absent. */
    public Long longClaim(String name) {
        Object value = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(name) : null;
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return null;
    }

    /** The holder a holder's token names: its subject is the holder's id. */
    public UUID holderId() {
        try {
            return UUID.fromString(claim("sub"));
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token does not name a holder.");
        }
    }

    /** The token as received, to call another service on the caller's behalf (null without a token). */
    public String rawToken() {
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getRawToken() : null;
    }

    /**
     * The organisation a machine client acts for (claim {@code organisation}, set in the client's configuration):
     * what it owns, shared by every client of that organisation and never by two organisations.
     */
    public String organisation() {
        return requiredClaim("organisation", "This token names no organisation.");
    }

    /** The organisation's name as its client's configuration gives it (claim {@code organisation_name}). */
    public String organisationName() {
        return requiredClaim("organisation_name", "This token names no organisation name.");
    }

    private String requiredClaim(String name, String refusal) {
        String value = claim(name);
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.FORBIDDEN, refusal);
        }
        return value;
    }

    /** The company's SIRET (14 digits), from its token only. */
    public String siret() {
        String siret = claim("siret");
        if (siret == null || !siret.matches("\\d{14}")) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token carries no SIRET.");
        }
        return siret;
    }

    /**
     * Whether the employer is a public one (State, local authority, public hospital): claim {@code employer_sector}
     * {@code PUBLIC} in its client's configuration. Its declarations make their years public-service years.
     */
    public boolean publicEmployer() {
        return "PUBLIC".equals(claim("employer_sector"));
    }
}
