package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The factors a person was exposed to, above the thresholds, during one quarter (as declared by employers).
 *
 * @param year the year
 * @param quarter 1 to 4
 * @param factors the factors, empty when none
 */
public record CppQuarterExposure(int year, int quarter, Set<CppFactor> factors) {

    private static final int QUARTERS = 4;
    private static final int MONTHS_PER_QUARTER = 3;

    public CppQuarterExposure {
        if (quarter < 1 || quarter > QUARTERS) {
            throw new IllegalArgumentException("quarter must be 1 to 4");
        }
        Objects.requireNonNull(factors, "factors");
        factors = factors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(factors));
    }

    public static CppQuarterExposure of(int year, int quarter, CppFactor... factors) {
        return new CppQuarterExposure(year, quarter, factors.length == 0 ? Set.of() : EnumSet.of(factors[0], factors));
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * MONTHS_PER_QUARTER + 1, 1);
    }

    /**
     * One exposure per quarter of the year, the union of all employers' declarations: a person exposed to one factor at
     * one employer and another elsewhere in the same quarter is exposed to several.
     */
    public static Map<Integer, Set<CppFactor>> byQuarter(int year, Collection<CppQuarterExposure> exposures) {
        Map<Integer, Set<CppFactor>> merged = new TreeMap<>();
        for (CppQuarterExposure e : exposures) {
            if (e.year() != year) {
                throw new IllegalArgumentException("exposure of " + e.year() + " given for " + year);
            }
            merged.computeIfAbsent(e.quarter(), q -> EnumSet.noneOf(CppFactor.class)).addAll(e.factors());
        }
        return merged;
    }
}
