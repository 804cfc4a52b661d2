package fr.cpa.enrolment.domain.funding;

import java.util.List;
import java.util.UUID;

/**
 * What the ledger says a holder can spend on one application, in euro cents (points for the CPP).
 *
 * @param cpfFree the CPF balance no reservation and no other application's top-up holds: the holder's own rights
 *            (the former DIF hours included, converted in 2019) and top-ups that name no application
 * @param earmarked the top-ups funders made for this application, not yet held
 * @param cecAvailable the CEC balance not held
 * @param cppPoints the CPP points the holder may still convert
 * @param cppPointValue what one CPP point buys on the CPF for a training today
 */
public record AvailableFunds(long cpfFree, List<EarmarkedTopUp> earmarked, long cecAvailable, long cppPoints,
        long cppPointValue) {

    public AvailableFunds {
        earmarked = List.copyOf(earmarked);
    }

    /** A funder's top-up for this application (abondement). */
    public record EarmarkedTopUp(UUID id, String funderType, String funderName, long amount) {

        /** Top-ups that waive the holder's contribution: the employer's own, or through its OPCO (L. 6323-4, II). */
        public boolean byEmployer() {
            return "EMPLOYER".equals(funderType) || "OPCO".equals(funderType);
        }
    }

    public long earmarkedTotal() {
        return earmarked.stream().mapToLong(EarmarkedTopUp::amount).sum();
    }
}
