package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.ADULT;
import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CpfProjectionTest {

    private final CpfProjection projection = new CpfProjection(BOOKS);

    private static List<Long> balances(List<CpfProjection.ProjectedYear> years) {
        return years.stream().map(CpfProjection.ProjectedYear::balanceAfter).toList();
    }

    @Test
    void fullTimeFrom2015ThroughTheConversion() {
        List<CpfProjection.ProjectedYear> years = projection.project(ADULT, 2015, 2020, 0,
                CpfProjection.Assumptions.of(Population.PRIVATE_EMPLOYEE, 100));
        // 24 h a year in hours (minutes), 96 h become 1 440 € on 1 January 2019, then 500 € a year.
        assertEquals(List.of(1440L, 2880L, 4320L, 5760L, 194000L, 244000L), balances(years));
        assertNull(years.get(3).conversion());
        assertNotNull(years.get(4).conversion());
        assertEquals(144000, years.get(4).conversion().centsIn());
        assertEquals(Unit.EURO_CENTS, years.get(4).unit());
    }

    @Test
    void halfTimeUpToTheCeiling() {
        List<CpfProjection.ProjectedYear> years = projection.project(ADULT, 2025, 2030, 300000,
                CpfProjection.Assumptions.of(Population.PRIVATE_EMPLOYEE, 50));
        assertEquals(List.of(350000L, 400000L, 450000L, 500000L, 500000L, 500000L), balances(years));
        assertEquals(0, years.get(4).credit().amount());
    }

    @Test
    void quarterTimeIsProrated() {
        List<CpfProjection.ProjectedYear> years = projection.project(ADULT, 2025, 2026, 0,
                CpfProjection.Assumptions.of(Population.PRIVATE_EMPLOYEE, 25));
        // 25 % of 1 607 h = 401 h 45 min: 125 € a year.
        assertEquals(List.of(12500L, 25000L), balances(years));
    }

    @Test
    void assumptionsMayChangeByYearAndRetirementStops() {
        Holder retiring = ADULT.retiredOn(LocalDate.of(2028, 1, 1));
        List<CpfProjection.ProjectedYear> years = projection.project(retiring, 2025, 2028, 0,
                year -> new CpfProjection.Assumptions(Population.PRIVATE_EMPLOYEE, 100, year < 2026, false));
        assertEquals(List.of(80000L, 130000L, 180000L, 180000L), balances(years));
        assertThrows(IllegalArgumentException.class, () -> projection.project(ADULT, 2025, 2026, 0,
                year -> CpfProjection.Assumptions.of(year == 2025 ? Population.PRIVATE_EMPLOYEE : Population.PUBLIC_SERVANT, 100)));
    }

    @Test
    void publicServantStaysInHours() {
        List<CpfProjection.ProjectedYear> years = projection.project(ADULT, 2024, 2026, 0,
                new CpfProjection.Assumptions(Population.PUBLIC_SERVANT, 100, true, true));
        assertEquals(List.of(3000L, 6000L, 9000L), balances(years));
        assertEquals(Unit.MINUTES, years.get(2).unit());
    }
}
