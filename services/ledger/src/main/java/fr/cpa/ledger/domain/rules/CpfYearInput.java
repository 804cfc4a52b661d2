package fr.cpa.ledger.domain.rules;

import java.util.Collection;
import java.util.Objects;

/**
 * A person's year for the CPF yearly credit. Build with {@link #of} and the {@code with...} methods.
 *
 * @param year the year of activity
 * @param population which rules apply
 * @param workedMinutes time worked in the year over all employers ({@link EmployerDeclaration#sumForYear})
 * @param referenceMinutes the full-time duration of the year when a declaration gives its own (durée conventionnelle),
 *        or null for the legal yearly duration of the rule book
 * @param lowQualified below level V (level 3 since 2019): no CAP/BEP, no level-V RNCP title, no branch certification
 * @param categoryC public servant of category C (with {@code lowQualified}: the higher public rate)
 * @param reducedDurationPost public servant on a post of reduced duration (temps non complet): prorated, where part-time
 *        work on a full post counts as full time
 * @param holder birth date, apprenticeship, retirement and death
 * @param earnedBalance the account's earned balance before this credit, in the unit of the year's rule
 *        ({@link CpfRules#unitFor}): yearly credits, DIF and conversions minus what was spent of them; top-ups excluded
 */
public record CpfYearInput(int year, Population population, long workedMinutes, Long referenceMinutes,
        boolean lowQualified, boolean categoryC, boolean reducedDurationPost, Holder holder, long earnedBalance) {

    public CpfYearInput {
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(holder, "holder");
        if (workedMinutes < 0 || earnedBalance < 0) {
            throw new IllegalArgumentException("worked time and earned balance must not be negative");
        }
        if (referenceMinutes != null && referenceMinutes <= 0) {
            throw new IllegalArgumentException("a reference duration must be positive");
        }
    }

    /** A year with no work, no flags and a zero balance, to complete with the {@code with...} methods. */
    public static CpfYearInput of(int year, Population population, Holder holder) {
        return new CpfYearInput(year, population, 0, null, false, false, false, holder, 0);
    }

    public CpfYearInput withWorkedMinutes(long minutes) {
        return new CpfYearInput(year, population, minutes, referenceMinutes, lowQualified, categoryC, reducedDurationPost, holder, earnedBalance);
    }

    /** The sum of the year's declarations over all employers. */
    public CpfYearInput withDeclarations(Collection<EmployerDeclaration> declarations) {
        return withWorkedMinutes(EmployerDeclaration.sumForYear(year, declarations));
    }

    public CpfYearInput withReferenceMinutes(Long minutes) {
        return new CpfYearInput(year, population, workedMinutes, minutes, lowQualified, categoryC, reducedDurationPost, holder, earnedBalance);
    }

    public CpfYearInput withLowQualified(boolean value) {
        return new CpfYearInput(year, population, workedMinutes, referenceMinutes, value, categoryC, reducedDurationPost, holder, earnedBalance);
    }

    public CpfYearInput withCategoryC(boolean value) {
        return new CpfYearInput(year, population, workedMinutes, referenceMinutes, lowQualified, value, reducedDurationPost, holder, earnedBalance);
    }

    public CpfYearInput withReducedDurationPost(boolean value) {
        return new CpfYearInput(year, population, workedMinutes, referenceMinutes, lowQualified, categoryC, value, holder,
                earnedBalance);
    }

    public CpfYearInput withEarnedBalance(long balance) {
        return new CpfYearInput(year, population, workedMinutes, referenceMinutes, lowQualified, categoryC, reducedDurationPost, holder, balance);
    }
}
