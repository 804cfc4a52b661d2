package fr.cpa.enrolment.domain;

import java.util.List;

/**
 * The catalogue's answer to "may this holder buy this offer today", by the dated eligibility rules.
 *
 * @param cecOnly a volunteers' training, which only CEC rights may pay
 */
public record OfferEligibility(boolean eligible, boolean cecOnly, List<Reason> reasons) {

    public OfferEligibility {
        reasons = List.copyOf(reasons);
    }

    /** Why not, with a stable code and a French message for the holder. */
    public record Reason(String code, String message) {
    }
}
