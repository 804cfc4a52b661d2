package fr.cpa.catalogue.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.catalogue.persistence.SearchQueries;
import fr.cpa.catalogue.persistence.SearchQueries.EligibilityFacts;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Whether a holder may buy one offer with their rights today, and why not: the verdict is the search's
 * ({@code eligibleFor=me}), the reasons read from the same facts. The enrolment service refuses an application
 * with these reasons.
 */
@ApplicationScoped
public class OfferEligibility {

    public static final String CEC_VOLUNTEER = "CEC_VOLUNTEER";

    public record Reason(String code, String message) {
    }

    /**
     * @param cecOnly a volunteers' training, paid from CEC rights only
     * @param eligibility the rules applied, as in search answers
     */
    public record Answer(UUID offerId, boolean eligible, String kind, boolean cecOnly, List<Reason> reasons,
            EligibilityScope eligibility) {
    }

    private final SearchQueries queries;

    OfferEligibility(SearchQueries queries) {
        this.queries = queries;
    }

    /** 404 for an unknown offer. */
    public Answer of(UUID offerId, EligibilityScope scope) {
        EligibilityFacts facts = queries.eligibilityOf(offerId, scope)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such offer."));
        boolean cecOnly = CEC_VOLUNTEER.equals(facts.specialKind());
        List<Reason> reasons = facts.eligible() ? List.of() : reasons(facts, scope);
        return new Answer(offerId, facts.eligible(), facts.kind(), cecOnly, reasons, scope);
    }

    static List<Reason> reasons(EligibilityFacts facts, EligibilityScope scope) {
        List<Reason> reasons = new ArrayList<>();
        if (!"PUBLISHED".equals(facts.status())) {
            reasons.add(new Reason("OFFER_WITHDRAWN", "The organisation withdrew this offer."));
            return reasons;
        }
        if (scope.qualityCertificationRequired()
                && (facts.qualiopiGranted() == null || facts.qualiopiGranted().isAfter(scope.on()))) {
            reasons.add(new Reason("NO_QUALITY_CERTIFICATION", "The organisation is not certified Qualiopi, which "
                    + "the CPF requires since 1 January 2022."));
        }
        if (CEC_VOLUNTEER.equals(facts.specialKind())) {
            if (scope.cecRights() == EligibilityScope.CecRights.NO) {
                reasons.add(new Reason("CEC_RIGHTS_REQUIRED", "A volunteers' training is paid from CEC rights only, "
                        + "and you have none."));
            } else if (scope.cecRights() == EligibilityScope.CecRights.UNKNOWN) {
                reasons.add(new Reason("CEC_RIGHTS_UNKNOWN", "Your CEC rights could not be read just now; try again "
                        + "later."));
            }
        } else if (facts.specialKind() == null) {
            if (scope.byRegister() && !facts.registered() && !(scope.byLists() && facts.onHolderLists())) {
                reasons.add(new Reason("NOT_REGISTERED", "The certification is no longer in force in the RNCP or the "
                        + "Répertoire spécifique."));
            } else if (!scope.byRegister() && scope.byLists() && !facts.onHolderLists()) {
                reasons.add(new Reason("NOT_ON_HOLDER_LISTS", "The certification is on none of the lists open to you "
                        + "on that date."));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason("NOT_ELIGIBLE", "The CPF cannot pay for this training on that date."));
        }
        return reasons;
    }
}
