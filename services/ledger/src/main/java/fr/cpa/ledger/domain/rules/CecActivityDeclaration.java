package fr.cpa.ledger.domain.rules;

import java.util.Objects;

/**
 * One qualifying activity declared for a year.
 *
 * @param activity the activity
 * @param measure its duration in the activity's {@link CecActivity#measure()} (months, days, years, minutes)
 * @param secondMeasure for {@link CecActivity#BENEVOLAT_ASSOCIATIF} the minutes in the single association with the
 *        most, for {@link CecActivity#RESERVE_CIVILE_POLICE} the shifts done in the year; 0 otherwise
 */
public record CecActivityDeclaration(CecActivity activity, long measure, long secondMeasure) {

    public CecActivityDeclaration {
        Objects.requireNonNull(activity, "activity");
        if (measure < 0 || secondMeasure < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static CecActivityDeclaration of(CecActivity activity, long measure) {
        return new CecActivityDeclaration(activity, measure, 0);
    }

    public static CecActivityDeclaration volunteering(long totalMinutes, long minutesInOneAssociation) {
        return new CecActivityDeclaration(CecActivity.BENEVOLAT_ASSOCIATIF, totalMinutes, minutesInOneAssociation);
    }

    public static CecActivityDeclaration policeReserve(long yearsOfCommitment, long shiftsInYear) {
        return new CecActivityDeclaration(CecActivity.RESERVE_CIVILE_POLICE, yearsOfCommitment, shiftsInYear);
    }
}
