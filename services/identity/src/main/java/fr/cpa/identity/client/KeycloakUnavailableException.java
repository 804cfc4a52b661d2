package fr.cpa.identity.client;

import java.util.List;

import fr.cpa.platform.web.PersonalData;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Keycloak did not do what was asked (down, slow, or an unexpected answer): a 503 problem. The transaction around
 * the call rolls back, so the request can be retried as a whole. The cause is kept only as its redacted message:
 * admin-client errors may quote a URL whose query holds a username, that is a NIR.
 */
public class KeycloakUnavailableException extends ProblemException {

    public KeycloakUnavailableException(String message) {
        super(ProblemType.SERVICE_UNAVAILABLE, "The login service is unavailable; retry later.", List.of(),
                new IllegalStateException(message));
    }

    public KeycloakUnavailableException(String message, Throwable cause) {
        this(message + ": " + cause.getClass().getSimpleName() + " " + PersonalData.redact(String.valueOf(cause.getMessage())));
    }
}
