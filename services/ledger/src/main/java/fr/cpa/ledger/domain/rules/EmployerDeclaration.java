package fr.cpa.ledger.domain.rules;

import java.util.Collection;
import java.util.Objects;

/**
 * One employer's declaration of the hours a person worked in a year (in minutes).
 *
 * @param year the year of activity
 * @param employer the employer's identifier (SIRET or other), for traces only
 * @param minutesWorked time worked for that employer in the year
 */
public record EmployerDeclaration(int year, String employer, long minutesWorked) {

    public EmployerDeclaration {
        Objects.requireNonNull(employer, "employer");
        if (minutesWorked < 0) {
            throw new IllegalArgumentException("minutesWorked must not be negative");
        }
    }

    /**
     * The time worked in the year over all employers. The rule is applied once to the sum: two half-time jobs make one
     * full year, not two (rules.md, "Several employers in one year").
     *
     * @throws IllegalArgumentException when a declaration is for another year, a mix-up that would credit twice
     */
    public static long sumForYear(int year, Collection<EmployerDeclaration> declarations) {
        long total = 0;
        for (EmployerDeclaration d : declarations) {
            if (d.year() != year) {
                throw new IllegalArgumentException("declaration of " + d.employer() + " is for " + d.year() + ", not " + year);
            }
            total = Math.addExact(total, d.minutesWorked());
        }
        return total;
    }
}
