package fr.cpa.enrolment.client;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.OfferEligibility;
import fr.cpa.enrolment.domain.SessionOffer;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Reads what an application needs of the catalogue: the session with its action and offer, and whether the holder
 * may buy it. The catalogue down is a 503, never a guess.
 */
@ApplicationScoped
public class Catalogue {

    private static final Logger LOG = Logger.getLogger(Catalogue.class);
    private static final long MINUTES_PER_HOUR = 60;

    private final CatalogueClient client;

    Catalogue(@RestClient CatalogueClient client) {
        this.client = client;
    }

    /** The session of that offer; 422 naming the field when either is unknown. */
    public SessionOffer session(UUID offerId, UUID sessionId) {
        CatalogueClient.Offer offer = offer(offerId).orElseThrow(() -> unknown("offerId", "is not a catalogue offer"));
        for (CatalogueClient.Action action : offer.actions()) {
            for (CatalogueClient.Session session : action.sessions()) {
                if (session.id().equals(sessionId)) {
                    return new SessionOffer(offer.id(), action.id(), session.id(), offer.organisation().siret(),
                            offer.organisation().name(), offer.contact() == null ? null : offer.contact().email(),
                            offer.certification().code(), offer.title(), "PUBLISHED".equals(offer.status()),
                            session.startsOn(), session.endsOn(), session.seats(),
                            Boolean.TRUE.equals(session.inWorkingTime()), action.durationHours() * MINUTES_PER_HOUR,
                            action.priceCents());
                }
            }
        }
        throw unknown("sessionId", "is not a session of this offer");
    }

    /** The offer, or empty when the catalogue does not know it. */
    public Optional<CatalogueClient.Offer> offer(UUID offerId) {
        try {
            return Optional.of(client.offer(offerId));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable(e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    public OfferEligibility eligibility(UUID offerId, String holderToken) {
        try {
            CatalogueClient.Eligibility answer = client.eligibility(offerId, "Bearer " + holderToken);
            return new OfferEligibility(answer.eligible(), answer.cecOnly(), answer.reasons() == null ? java.util.List.of()
                    : answer.reasons().stream().map(r -> new OfferEligibility.Reason(r.code(), r.message())).toList());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw unknown("offerId", "is not a catalogue offer");
            }
            throw unavailable(e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unknown(String field, String reason) {
        return new ProblemException(ProblemType.VALIDATION, "The application names no session of the catalogue.",
                java.util.List.of(new FieldError(field, reason)));
    }

    private static ProblemException unavailable(int status) {
        LOG.warnf("The catalogue answered %d", status);
        return new ProblemException(EnrolmentProblems.CATALOGUE_UNAVAILABLE);
    }

    private static ProblemException unavailable(RuntimeException e) {
        LOG.warnf("The catalogue could not be reached: %s", e.getClass().getSimpleName());
        return new ProblemException(EnrolmentProblems.CATALOGUE_UNAVAILABLE);
    }
}
