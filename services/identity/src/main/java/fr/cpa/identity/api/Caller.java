package fr.cpa.identity.api;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** Who calls, from the verified token: a holder is their Keycloak {@code sub}, an agency its client id. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    public UUID loginId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token does not name a person.");
        }
    }

    /** The client the token was issued to: an agency's identifier for machine tokens. */
    public String clientId() {
        String azp = token.getClaim("azp");
        return azp != null ? azp : token.getClaim("client_id");
    }

    public String bearer() {
        return token.getRawToken();
    }

    /**
     * An operator's name, for the record of what they did: a person's full name, or the client of a back-office job.
     * Tokens carry no login name (a holder's is their NIR).
     */
    public String operatorName() {
        String name = token.getClaim("name");
        return name != null && !name.isBlank() ? name : clientId();
    }
}
