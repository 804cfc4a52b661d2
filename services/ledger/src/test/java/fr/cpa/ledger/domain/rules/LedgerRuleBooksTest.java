package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.rules.RuleBook;

class LedgerRuleBooksTest {

    @Test
    void everyActivityAndFactorHasItsParameter() {
        LocalDate y2020 = LocalDate.of(2020, 1, 1);
        for (CecActivity a : CecActivity.values()) {
            assertTrue(BOOKS.cec().valueAt(a.minimumParameter(), y2020) > 0, a.name());
            if (a.secondMinimumParameter() != null) {
                assertTrue(BOOKS.cec().valueAt(a.secondMinimumParameter(), y2020) > 0, a.name());
            }
        }
        for (CppFactor f : CppFactor.values()) {
            assertFalse(BOOKS.cpp().parameter(f.parameter()).values().isEmpty(), f.name());
        }
        // The six factors kept since October 2017 are in force; the four others are not.
        long inForce = List.of(CppFactor.values()).stream()
                .filter(f -> BOOKS.cpp().parameter(f.parameter()).at(LocalDate.of(2018, 1, 1)).isPresent()).count();
        assertEquals(6, inForce);
    }

    @Test
    void recalledFiguresAreMarkedCheck() {
        LocalDate y2020 = LocalDate.of(2020, 1, 1);
        List<RuleBook.DatedValue> recalled = List.of(BOOKS.cpfPrivate().at("cpf-euros-yearly-credit", y2020),
                BOOKS.cpfPrivate().at("cpf-euros-ceiling", y2020), BOOKS.cpfPrivate().at("cpf-legal-yearly-duration", y2020),
                BOOKS.cpfPublic().at("cpf-public-hours-yearly-credit", y2020), BOOKS.cec().at("cec-euros-credit", y2020),
                BOOKS.cpp().at("cpp-career-ceiling", y2020), BOOKS.cpfConversion().at("cpf-hours-to-euros-rate", y2020));
        for (RuleBook.DatedValue v : recalled) {
            assertTrue(v.source().contains("(check)"), v.parameter());
        }
        assertFalse(BOOKS.cpfPrivate().at("cpf-hours-ceiling", LocalDate.of(2016, 1, 1)).source().contains("(check)"));
    }
}
