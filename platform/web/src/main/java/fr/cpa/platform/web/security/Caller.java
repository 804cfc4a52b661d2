package fr.cpa.platform.web.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Who calls, from the verified token: a machine by its client id, with its roles and claims, and a company (employer,
 * training organisation) by its SIRET — from the token only, so that a body or a path cannot act for another.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The client the token was issued to. */
    public String clientId() {
        String azp = token.getClaim("azp");
        String clientId = azp != null ? azp : token.getClaim("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token names no client.");
        }
        return clientId;
    }

    /** A claim of the token (null when absent). */
    public String claim(String name) {
        return token.getClaim(name);
    }

    /** The company's SIRET (14 digits), from its token only. */
    public String siret() {
        String siret = token.getClaim("siret");
        if (siret == null || !siret.matches("\\d{14}")) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token carries no SIRET.");
        }
        return siret;
    }
}
