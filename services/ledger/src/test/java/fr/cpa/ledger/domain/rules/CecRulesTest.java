package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.ADULT;
import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static fr.cpa.ledger.domain.rules.Tables.amount;
import static fr.cpa.ledger.domain.rules.Tables.amounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CecRulesTest {

    private final CecRules rules = new CecRules(BOOKS);

    /** "RESERVE_MILITAIRE:90;BENEVOLAT_ASSOCIATIF:200h/100h;RESERVE_CIVILE_POLICE:3/75". */
    private static List<CecActivityDeclaration> activities(String text) {
        List<CecActivityDeclaration> out = new ArrayList<>();
        for (String item : text.split(";")) {
            String[] kv = item.split(":");
            CecActivity activity = CecActivity.valueOf(kv[0].trim());
            String[] measures = kv[1].split("/");
            long first = activity.measure() == CecActivity.Measure.MINUTES ? Tables.minutes(measures[0]) : Long.parseLong(measures[0]);
            long second = measures.length < 2 ? 0 : activity.secondMeasure() == CecActivity.Measure.MINUTES
                    ? Tables.minutes(measures[1]) : Long.parseLong(measures[1]);
            out.add(new CecActivityDeclaration(activity, first, second));
        }
        return out;
    }

    // One credit per kind of activity, each cut by the ceiling in turn; expected credits in enum order.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                      | year | activities                                                   | balance | expected
            2018 service civique: 20 h                  | 2018 | SERVICE_CIVIQUE:6                                            | 0h      | 20h
            2018 cut to reach 60 h                      | 2018 | SERVICE_CIVIQUE:8                                            | 50h     | 10h
            2018 at the 60 h ceiling                    | 2018 | MAITRE_APPRENTISSAGE:12                                      | 60h     | 0h
            2018 two activities reaching 60 h           | 2018 | RESERVE_MILITAIRE:120;SAPEUR_POMPIER_VOLONTAIRE:5            | 30h     | 20h;10h
            2017 reserve below the 90-day minimum       | 2017 | RESERVE_MILITAIRE:89                                         | 0h      | 0h
            2016: no CEC yet                            | 2016 | SERVICE_CIVIQUE:6                                            | 0h      | 0h
            2020: 240 €                                 | 2020 | RESERVE_SANITAIRE:30                                         | 0€      | 240€
            2020 cut to reach 720 €                     | 2020 | RESERVE_SANITAIRE:45                                         | 600€    | 120€
            2020 at the 720 € ceiling                   | 2020 | RESERVE_COMMUNALE_SECURITE_CIVILE:5                          | 720€    | 0€
            2020 two activities, two credits            | 2020 | RESERVE_MILITAIRE:90;BENEVOLAT_ASSOCIATIF:200h/100h          | 0€      | 240€;240€
            2021 three activities cut by the ceiling    | 2021 | SERVICE_CIVIQUE:6;MAITRE_APPRENTISSAGE:6;RESERVE_MILITAIRE:95 | 300€    | 240€;180€;0€
            volunteering 200 h but 99 h in one          | 2020 | BENEVOLAT_ASSOCIATIF:200h/99h                                | 0€      | 0€
            volunteering 199 h                          | 2020 | BENEVOLAT_ASSOCIATIF:199h/150h                               | 0€      | 0€
            police reserve 74 shifts                    | 2020 | RESERVE_CIVILE_POLICE:3/74                                   | 0€      | 0€
            police reserve 3 years, 75 shifts           | 2020 | RESERVE_CIVILE_POLICE:3/75                                   | 0€      | 240€
            same activity declared twice: one credit    | 2020 | RESERVE_MILITAIRE:40;RESERVE_MILITAIRE:91                    | 0€      | 240€
            """)
    void credits(String name, int year, String declared, String balance, String expected) {
        List<Credit> credits = rules.credits(year, ADULT, activities(declared), amount(balance).value());
        assertEquals(amounts(expected), credits.stream().map(Tables::of).toList(), name);
    }

    @Test
    void explanationAndParameters() {
        Credit credit = rules.credits(2020, ADULT, activities("RESERVE_MILITAIRE:90"), 0).get(0);
        assertEquals("240 € au titre de 2020 : réserve militaire opérationnelle, 90 jours (minimum 90 jours), plafond 720 € "
                + "(D. 5151-14, décret 2018-1349)",
                credit.explanation());
        assertEquals("cec.euros", credit.rule());
        assertEquals(90, credit.parameter("cec-minimum-reserve-militaire").value());
        assertTrue(credit.parameter("cec-minimum-reserve-militaire").source().contains("D. 5151-14"));
        assertEquals(72000, credit.parameter("cec-euros-ceiling").value());

        Credit hours = rules.credits(2018, ADULT, activities("BENEVOLAT_ASSOCIATIF:150h/100h"), 0).get(0);
        assertEquals("0 h au titre de 2018 : bénévolat associatif, 150 h (minimum 200 h), 100 h (minimum 100 h), "
                + "durée minimale non atteinte (L. 5151-10, D. 5151-14, décret 2016-1970)", hours.explanation());
        assertTrue(rules.credits(2017, ADULT, activities("SERVICE_CIVIQUE:6"), 0).get(0)
                .parameter("cec-hours-credit").source().contains("L. 5151-10"));
    }

    @Test
    void unitByYear() {
        assertEquals(Unit.MINUTES, rules.unitFor(2018));
        assertEquals(Unit.EURO_CENTS, rules.unitFor(2019));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2016 | -
            2018 | 60h
            2026 | 720€
            """)
    void ceilings(int year, String expected) {
        var ceiling = rules.ceiling(year);
        if (expected.equals("-")) {
            assertTrue(ceiling.isEmpty());
        } else {
            assertEquals(amount(expected), new Tables.Amount(ceiling.orElseThrow().value(), rules.unitFor(year)));
        }
    }
}
