package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** A legal text: a loi, décret, ordonnance or arrêté by number, or an article of a code (L., R., D.). */
    private static final Pattern LEGAL_TEXT = Pattern.compile(
            "loi n° \\d{4}-\\d+|décret n° \\d{4}-\\d+|ordonnance n° \\d{4}-\\d+|arrêté du|\\b[LRD]\\. ?\\d{4}-\\d+");

    /** Figures public sources have not confirmed yet: the only ones that may still say "(check)". */
    private static final Set<String> UNVERIFIED = Set.of("cpf-yearly-credit-posting-months",
            "cec-minimum-reserve-sanitaire", "cpf-use-age-limit", "earmarked-top-up-conditions");

    private static List<RuleBook> books() {
        return List.of(BOOKS.accounts(), BOOKS.cpfPrivate(), BOOKS.cpfPublic(), BOOKS.cpfConversion(), BOOKS.dif(),
                BOOKS.cec(), BOOKS.cpp(), BOOKS.topUps());
    }

    @Test
    void everyValueNamesItsLegalTextAndAShortCitation() {
        List<String> wrong = new ArrayList<>();
        for (RuleBook book : books()) {
            for (RuleBook.Parameter p : book.parameters()) {
                List<String[]> texts = new ArrayList<>();
                p.values().forEach(v -> texts.add(new String[] {v.from().toString(), v.source(), v.law()}));
                p.closings().forEach(c -> texts.add(new String[] {c.from() + " (end)", c.source(), c.law()}));
                for (String[] t : texts) {
                    String where = book.name() + "/" + p.name() + " from " + t[0];
                    if (!LEGAL_TEXT.matcher(t[1]).find()) {
                        wrong.add(where + ": the source names no legal text");
                    }
                    if (t[1].contains("rules.md") || t[1].contains("seeds")) {
                        wrong.add(where + ": the source cites a working document, not the law");
                    }
                    if (t[2] == null) {
                        wrong.add(where + ": no short citation (law)");
                    }
                    if (t[1].contains("(check)") && !UNVERIFIED.contains(p.name())) {
                        wrong.add(where + ": marked (check) although the figure is verified");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
