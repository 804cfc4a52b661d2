package fr.cpa.ledger.client;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Whether an advisor may read a holder's data now, asked of the identity service at each request (it holds the
 * consents and logs every access for the holder). The advisor's own token is forwarded, so identity knows the advisor
 * from Keycloak, not from the ledger's word. Refused: 403; identity unreachable or failing: 503, never a 500.
 */
@ApplicationScoped
public class AdvisorAccess {

    public static final ProblemType NO_CONSENT = ProblemType.of("no-consent", 403,
            "The holder has not granted you access to this data, or the grant has ended.");
    private static final Logger LOG = Logger.getLogger(AdvisorAccess.class);
    private static final int FORBIDDEN = 403;

    private final AccessChecksClient checks;

    AdvisorAccess(@RestClient AccessChecksClient checks) {
        this.checks = checks;
    }

    /** Returns when allowed; throws the problem to answer otherwise. */
    public void require(String advisorToken, UUID holderId, String scope, String resource) {
        try {
            checks.check("Bearer " + advisorToken, new AccessChecksClient.AccessCheck(holderId, scope, resource));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == FORBIDDEN) {
                throw new ProblemException(NO_CONSENT);
            }
            LOG.warnf("The consent check answered %d", e.getResponse().getStatus());
            throw unavailable(e);
        } catch (ProcessingException e) {
            LOG.warnf("The consent check is unreachable: %s", e.getMessage());
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(RuntimeException cause) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The holder's consent cannot be checked right now; retry later.", List.of(), cause);
    }
}
