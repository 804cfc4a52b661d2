package fr.cpa.platform.web.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.web.CorrelationId;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Whether an advisor may read a holder's data now, asked of the identity service at each request (it holds the
 * consents and logs every access for the holder). The advisor's own token is forwarded, so identity knows the advisor
 * from Keycloak, not from the asking service's word. Refused: 403 no-consent; identity unreachable or failing: 503,
 * never a 500. The identity service's address is {@code cpa.advisor-access.identity-url}; the check's path is outside
 * {@code /api}, which the gateway never routes: only services ask it.
 */
@ApplicationScoped
public class AdvisorAccess {

    public static final ProblemType NO_CONSENT = ProblemType.of("no-consent", 403,
            "The holder has not granted you access to this data, or the grant has ended.");
    private static final Logger LOG = Logger.getLogger(AdvisorAccess.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The identity service's path for consent checks. */
    public static final String CHECKS_PATH = "/internal/identity/access-checks";

    private record AccessCheck(UUID holderId, AdvisorRead read) {
    }

    private final URI checks;
    private final Duration timeout;
    private final HttpClient http;

    AdvisorAccess(@ConfigProperty(name = "cpa.advisor-access.identity-url") String identityUrl,
            @ConfigProperty(name = "cpa.advisor-access.timeout", defaultValue = "5s") Duration timeout) {
        this.checks = URI.create(identityUrl + CHECKS_PATH);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Returns when allowed; throws the problem to answer otherwise.
     *
     * @param read what the advisor reads, recorded in the holder's access log
     */
    public void require(String advisorToken, UUID holderId, AdvisorRead read) {
        HttpResponse<Void> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(checks).timeout(timeout)
                    .header("Authorization", "Bearer " + advisorToken)
                    .header("Content-Type", "application/json")
                    .header(CorrelationId.HEADER, CorrelationId.current().orElseGet(CorrelationId::newId))
                    .POST(HttpRequest.BodyPublishers.ofString(json(new AccessCheck(holderId, read))))
                    .build();
            answer = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.warnf("The consent check is unreachable: %s", e.getClass().getSimpleName());
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(new IllegalStateException(e));
        }
        if (answer.statusCode() == 403) {
            throw new ProblemException(NO_CONSENT);
        }
        if (answer.statusCode() / 100 != 2) {
            LOG.warnf("The consent check answered %d", answer.statusCode());
            throw unavailable(null);
        }
    }

    private static String json(AccessCheck check) {
        try {
            return JSON.writeValueAsString(check);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException unavailable(Exception cause) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The holder's consent cannot be checked right now; retry later.", List.of(), cause);
    }
}
