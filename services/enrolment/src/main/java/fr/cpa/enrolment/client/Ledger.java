package fr.cpa.enrolment.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.platform.web.problem.ProblemException;

/**
 * The holder's funds as the ledger reports them, asked with the holder's own token (the ledger shows a holder their
 * own accounts only), and the conversion of CPP points for a training. An account still in hours cannot pay here.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);
    private static final String EUROS = "EURO_CENTS";

    private final LedgerClient client;

    Ledger(@RestClient LedgerClient client) {
        this.client = client;
    }

    /** @param applicationId the application whose own top-ups count, or null for a new one */
    public AvailableFunds funds(String holderToken, UUID applicationId) {
        LedgerClient.Funding funding;
        try {
            funding = client.funding("Bearer " + holderToken, applicationId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                // No accounts yet: nothing to spend.
                return new AvailableFunds(0, java.util.List.of(), 0, 0, 0);
            }
            throw unavailable("answered " + e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw unavailable("could not be reached: " + e.getClass().getSimpleName());
        }
        // An account never credited is still in hours with nothing on it: nothing to spend, and no obstacle.
        if (inHours(funding.cpf().unit(), funding.cpf().free() + funding.cpf().earmarkedForApplication())
                || inHours(funding.cec().unit(), funding.cec().available())) {
            throw new ProblemException(EnrolmentProblems.ACCOUNT_IN_HOURS, "Your account still counts hours (a "
                    + "public servant's CPF, or rights not yet converted): it cannot pay a training here.");
        }
        return new AvailableFunds(funding.cpf().free(), funding.cpf().topUps().stream()
                .map(t -> new AvailableFunds.EarmarkedTopUp(t.id(), t.funderType(), t.funderName(), t.amount()))
                .toList(), funding.cec().available(), funding.cpp().points(), funding.cpp().pointValue());
    }

    /** Converts the points for this application's training, once whatever the retries. */
    public void convertCppPoints(String holderToken, UUID applicationId, int points) {
        try {
            client.convert("Bearer " + holderToken, "enrolment-" + applicationId + "-cpp",
                    new LedgerClient.Conversion(points, "training"));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 422) {
                throw new ProblemException(fr.cpa.platform.web.problem.ProblemType.UNPROCESSABLE,
                        "The ledger refused to convert your CPP points (not enough points left?).");
            }
            throw unavailable("answered " + e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw unavailable("could not be reached: " + e.getClass().getSimpleName());
        }
    }

    private static boolean inHours(String unit, long amount) {
        return !EUROS.equals(unit) && amount > 0;
    }

    private static ProblemException unavailable(String what) {
        LOG.warnf("The ledger %s", what);
        return new ProblemException(EnrolmentProblems.LEDGER_UNAVAILABLE);
    }
}
