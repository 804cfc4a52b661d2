package fr.cpa.ledger.domain.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The holder's situation over time, as the rules of a year read it. */
class SituationHistoryTest {

    private static SituationHistory.Situation on(String date, String status, String diploma, boolean apprentice) {
        return new SituationHistory.Situation(LocalDate.parse(date), status, diploma, apprentice);
    }

    @Test
    void thePopulationOfAYearIsTheStatusHeldAtItsEnd() {
        SituationHistory history = new SituationHistory(List.of(on("2023-03-01", "PUBLIC_SERVANT", null, false),
                on("2020-05-01", "EMPLOYEE", null, false), on("2025-06-30", "ESAT_WORKER", null, false)));
        assertEquals(Population.PRIVATE_EMPLOYEE, history.populationIn(2019), "nothing told yet: private sector");
        assertEquals(Population.PRIVATE_EMPLOYEE, history.populationIn(2022));
        assertEquals(Population.PUBLIC_SERVANT, history.populationIn(2023), "public servant from March");
        assertEquals(Population.PUBLIC_SERVANT, history.populationIn(2024));
        assertEquals(Population.ESAT_WORKER, history.populationIn(2025));
        assertEquals(Population.PRIVATE_EMPLOYEE, SituationHistory.UNKNOWN.populationIn(2025));
    }

    @Test
    void aDiplomaReachedDuringAYearCountsFromTheNextOne() {
        SituationHistory history = new SituationHistory(List.of(on("2022-01-10", "EMPLOYEE", "NONE", false),
                on("2024-04-01", "EMPLOYEE", "LEVEL_4", false)));
        assertTrue(history.belowDiplomaLevel(2022, 3), "no diploma: told in January 2022, taken as before too");
        assertTrue(history.belowDiplomaLevel(2021, 3), "a level told later was at most that before");
        assertTrue(history.belowDiplomaLevel(2024, 3), "level 4 reached in April 2024: 2024 keeps the higher rate");
        assertFalse(history.belowDiplomaLevel(2025, 3));
        assertFalse(new SituationHistory(List.of(on("2020-01-01", "EMPLOYEE", "LEVEL_3", false)))
                .belowDiplomaLevel(2021, 3), "level 3 (CAP, BEP) is not below level 3");
        assertTrue(new SituationHistory(List.of(on("2020-01-01", "EMPLOYEE", "LEVEL_2", false)))
                .belowDiplomaLevel(2021, 3));
        assertFalse(SituationHistory.UNKNOWN.belowDiplomaLevel(2021, 3), "unknown: only the employer can tell");
    }

    @Test
    void retirementAndApprenticeshipReachTheRulesHolder() {
        Holder born = Holder.bornOn(LocalDate.of(1960, 2, 1));
        SituationHistory history = new SituationHistory(List.of(on("2024-07-01", "RETIRED", null, false),
                on("2025-02-01", "EMPLOYEE", null, false)));
        Holder seen = history.applyTo(born, 2025, false);
        assertEquals(LocalDate.of(2024, 7, 1), seen.retirementDate(), "retired once and for all");
        assertFalse(seen.apprentice());

        SituationHistory apprentice = new SituationHistory(List.of(on("2024-09-01", "EMPLOYEE", "NONE", true)));
        Holder young = Holder.bornOn(LocalDate.of(2009, 5, 1));
        assertFalse(apprentice.applyTo(young, 2023, false).apprentice(), "not yet told in 2023");
        assertTrue(apprentice.applyTo(young, 2024, false).apprentice());
        assertTrue(SituationHistory.UNKNOWN.applyTo(young, 2024, true).apprentice(), "an employer's contract says it");
    }
}
