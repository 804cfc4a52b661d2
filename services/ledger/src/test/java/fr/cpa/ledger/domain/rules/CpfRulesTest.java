package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.ADULT;
import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static fr.cpa.ledger.domain.rules.Tables.amount;
import static fr.cpa.ledger.domain.rules.Tables.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpfRulesTest {

    private final CpfRules rules = new CpfRules(BOOKS);

    private Credit credit(int year, Population population, String worked, String flags, String balance) {
        CpfYearInput in = CpfYearInput.of(year, population, ADULT).withWorkedMinutes(minutes(worked))
                .withLowQualified(flags.contains("LQ")).withCategoryC(flags.contains("C"))
                .withReducedDurationPost(flags.contains("R"))
                .withEarnedBalance(amount(balance).value());
        return rules.credit(in);
    }

    // Flags: LQ = low-qualified (below level V / 3), C = public category C, R = public post of reduced duration
    // (temps non complet). Full time is 1607 h.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | year | population       | worked | flags | balance | expected
            full time 2015                                  | 2015 | PRIVATE_EMPLOYEE | 1607h  | -     | 0h      | 24h
            full time 2016                                  | 2016 | PRIVATE_EMPLOYEE | 1607h  | -     | 24h     | 24h
            overtime counts as full time                    | 2016 | PRIVATE_EMPLOYEE | 1900h  | -     | 48h     | 24h
            96 h plus a full year reaches 120 h exactly     | 2016 | PRIVATE_EMPLOYEE | 1607h  | -     | 96h     | 24h
            120 h acquired: 12 h steps                      | 2017 | PRIVATE_EMPLOYEE | 1607h  | -     | 120h    | 12h
            crossing 120 h: 12 h at 24 h/y then 6 h         | 2017 | PRIVATE_EMPLOYEE | 1607h  | -     | 108h    | 18h
            132 h acquired: 12 h                            | 2018 | PRIVATE_EMPLOYEE | 1607h  | -     | 132h    | 12h
            144 h acquired: cut to reach 150 h exactly      | 2018 | PRIVATE_EMPLOYEE | 1607h  | -     | 144h    | 6h
            earned balance at the 150 h ceiling             | 2018 | PRIVATE_EMPLOYEE | 1607h  | -     | 150h    | 0h
            earned balance above the ceiling (DIF)          | 2016 | PRIVATE_EMPLOYEE | 1607h  | -     | 160h    | 0h
            part-time 2016 at half time                     | 2016 | PRIVATE_EMPLOYEE | 803h30 | -     | 0h      | 12h
            part-time 2016 at 80 %, up to the whole hour   | 2016 | PRIVATE_EMPLOYEE | 1285h36| -     | 0h      | 20h
            part-time 2016 1000 h: 14.93 h up to 15 h       | 2016 | PRIVATE_EMPLOYEE | 1000h  | -     | 0h      | 15h
            part-time after the step                        | 2017 | PRIVATE_EMPLOYEE | 803h30 | -     | 120h    | 6h
            part-time crossing the step                     | 2017 | PRIVATE_EMPLOYEE | 803h30 | -     | 114h    | 9h
            no hours worked                                 | 2016 | PRIVATE_EMPLOYEE | 0h     | -     | 24h     | 0h
            low-qualified 2017: 48 h                        | 2017 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 0h      | 48h
            low-qualified ignores the 120 h step            | 2017 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 130h    | 48h
            low-qualified cut at 400 h                      | 2018 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 380h    | 20h
            low-qualified at 400 h                          | 2018 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 400h    | 0h
            low-qualified part-time 2018                    | 2018 | PRIVATE_EMPLOYEE | 803h30 | LQ    | 0h      | 24h
            low-qualified before 2017: common rate          | 2016 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 0h      | 24h
            2019 full time                                  | 2019 | PRIVATE_EMPLOYEE | 1607h  | -     | 0€      | 500€
            2019 exactly half time                          | 2019 | PRIVATE_EMPLOYEE | 803h30 | -     | 0€      | 500€
            2019 above half time                            | 2019 | PRIVATE_EMPLOYEE | 1000h  | -     | 0€      | 500€
            2019 one minute below half: 249.989 € up       | 2019 | PRIVATE_EMPLOYEE | 803h29 | -     | 0€      | 250€
            2019 800 h: prorated, 248.91 € up to the cent  | 2019 | PRIVATE_EMPLOYEE | 800h   | -     | 0€      | 248.92€
            2019 400 h: prorated, 124.456 € up to the cent | 2019 | PRIVATE_EMPLOYEE | 400h   | -     | 0€      | 124.46€
            2020 reaching 5 000 € mid-career                | 2020 | PRIVATE_EMPLOYEE | 1607h  | -     | 4800€   | 200€
            public servant 2020 part time: full time       | 2020 | PUBLIC_SERVANT   | 803h30 | -     | 0h      | 25h
            public servant 2018 at 80 %: full time         | 2018 | PUBLIC_SERVANT   | 1285h36| -     | 0h      | 24h
            public 2020 reduced-duration post at half      | 2020 | PUBLIC_SERVANT   | 803h30 | R     | 0h      | 12h30
            public 2018 reduced-duration post at 80 %      | 2018 | PUBLIC_SERVANT   | 1285h36| R     | 0h      | 19h12
            public category C unqualified 2020, half post  | 2020 | PUBLIC_SERVANT   | 803h30 | C LQ R| 0h      | 25h
            public servant 2020 with no hours              | 2020 | PUBLIC_SERVANT   | 0h     | -     | 0h      | 0h
            2020 at the 5 000 € ceiling                     | 2020 | PRIVATE_EMPLOYEE | 1607h  | -     | 5000€   | 0€
            low-qualified 2020: 800 €                       | 2020 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 0€      | 800€
            low-qualified 2021 cut at 8 000 €               | 2021 | PRIVATE_EMPLOYEE | 1607h  | LQ    | 7500€   | 500€
            low-qualified 2021 below half: prorated 800 €   | 2021 | PRIVATE_EMPLOYEE | 401h45 | LQ    | 0€      | 200€
            ESAT 2021: 800 €                                | 2021 | ESAT_WORKER      | 1607h  | -     | 0€      | 800€
            ESAT 2021 part time: full credit                | 2021 | ESAT_WORKER      | 400h   | -     | 0€      | 800€
            ESAT 2021 cut at 8 000 €                        | 2021 | ESAT_WORKER      | 1607h  | -     | 7600€   | 400€
            ESAT 2022 at 8 000 €                            | 2022 | ESAT_WORKER      | 1607h  | -     | 8000€   | 0€
            ESAT 2016: no CPF yet                           | 2016 | ESAT_WORKER      | 1607h  | -     | 0h      | 0h
            ESAT 2017: 24 h                                 | 2017 | ESAT_WORKER      | 800h   | -     | 0h      | 24h
            public servant 2020: 25 h                       | 2020 | PUBLIC_SERVANT   | 1607h  | -     | 0h      | 25h
            public servant category C unqualified 2020      | 2020 | PUBLIC_SERVANT   | 1607h  | C LQ  | 0h      | 50h
            public category C with a qualification          | 2020 | PUBLIC_SERVANT   | 1607h  | C     | 0h      | 25h
            public unqualified but not category C           | 2021 | PUBLIC_SERVANT   | 1607h  | LQ    | 0h      | 25h
            public servant cut at 150 h                     | 2021 | PUBLIC_SERVANT   | 1607h  | -     | 140h    | 10h
            public servant no step from 2020               | 2021 | PUBLIC_SERVANT   | 1607h  | -     | 130h    | 20h
            public category C cut at 400 h                  | 2022 | PUBLIC_SERVANT   | 1607h  | C LQ  | 390h    | 10h
            public servant 2018: 12 h after 120 h           | 2018 | PUBLIC_SERVANT   | 1607h  | -     | 120h    | 12h
            public servant 2023 half time: full time       | 2023 | PUBLIC_SERVANT   | 803h30 | -     | 0h      | 25h
            public servant 2016: no CPF yet                 | 2016 | PUBLIC_SERVANT   | 1607h  | -     | 0h      | 0h
            private 2014: before the CPF                    | 2014 | PRIVATE_EMPLOYEE | 1607h  | -     | 0h      | 0h
            """)
    void yearlyCredit(String name, int year, Population population, String worked, String flags, String balance,
            String expected) {
        Credit credit = credit(year, population, worked, flags, balance);
        assertEquals(amount(expected), Tables.of(credit), name + " — " + credit.explanation());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            full time below the step  | 2016 | 1607h  | -  | 24h   | 24 h au titre de 2016 : temps plein, plafond 150 h (L. 6323-11, loi 2014-288)
            half time 2020            | 2020 | 803h30 | -  | 1000€ | 500 € au titre de 2020 : mi-temps atteint, plafond 5 000 € (R. 6323-1, décret 2018-1329)
            after the step            | 2017 | 1607h  | -  | 120h  | 12 h au titre de 2017 : temps plein, 120 h déjà acquises, 12 h par an jusqu'à 150 h (L. 6323-11, loi 2014-288)
            crossing the step         | 2017 | 1607h  | -  | 108h  | 18 h au titre de 2017 : temps plein, 24 h par an jusqu'à 120 h puis 12 h par an, plafond 150 h (L. 6323-11, loi 2014-288)
            cut at the ceiling        | 2018 | 1607h  | -  | 144h  | 6 h au titre de 2018 : temps plein, 144 h déjà acquises, 12 h par an jusqu'à 150 h, plafond 150 h atteint (L. 6323-11, loi 2014-288)
            at the ceiling            | 2018 | 1607h  | -  | 150h  | 0 h au titre de 2018 : plafond 150 h déjà atteint (L. 6323-11, loi 2014-288)
            part-time 2016            | 2016 | 1000h  | -  | 0h    | 15 h au titre de 2016 : temps partiel, au prorata (1 000 h sur 1 607 h), plafond 150 h (L. 6323-11, loi 2014-288)
            below half 2019           | 2019 | 400h   | -  | 0€    | 124,46 € au titre de 2019 : moins d'un mi-temps, au prorata (400 h sur 1 607 h), plafond 5 000 € (R. 6323-1, décret 2018-1329)
            low-qualified 2017        | 2017 | 1607h  | LQ | 0h    | 48 h au titre de 2017 : peu qualifié (sous le niveau V), temps plein, plafond 400 h (L. 6323-11-1, loi 2016-1088)
            """)
    void explanationsInPlainFrench(String name, int year, String worked, String flags, String balance, String expected) {
        assertEquals(expected, credit(year, Population.PRIVATE_EMPLOYEE, worked, flags, balance).explanation());
    }

    // The ceiling a holder's balance is compared with, by population and year ("-" when no CPF rule is in force).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | year | population       | flags | ceiling
            private 2016: 150 h                      | 2016 | PRIVATE_EMPLOYEE | -     | 150h
            low-qualified 2018: 400 h                | 2018 | PRIVATE_EMPLOYEE | LQ    | 400h
            private 2026: 5 000 €                    | 2026 | PRIVATE_EMPLOYEE | -     | 5000€
            low-qualified 2026: 8 000 €              | 2026 | PRIVATE_EMPLOYEE | LQ    | 8000€
            ESAT 2026: 8 000 €                       | 2026 | ESAT_WORKER      | -     | 8000€
            public servant 2026: 150 h               | 2026 | PUBLIC_SERVANT   | -     | 150h
            public category C unqualified 2026       | 2026 | PUBLIC_SERVANT   | C LQ  | 400h
            ESAT 2016: no CPF                        | 2016 | ESAT_WORKER      | -     | -
            private 2014: before the CPF             | 2014 | PRIVATE_EMPLOYEE | -     | -
            """)
    void ceilings(String name, int year, Population population, String flags, String expected) {
        var ceiling = rules.ceiling(year, population, flags.contains("LQ"), flags.contains("C"));
        if (expected.equals("-")) {
            assertTrue(ceiling.isEmpty(), name);
        } else {
            assertEquals(amount(expected), new Tables.Amount(ceiling.orElseThrow().value(), rules.unitFor(year, population)),
                    name);
        }
    }

    // A public employer's declaration makes a public-service year whatever the holder told; the holder's word gives
    // the other populations, never the public service (ordonnance 2017-53).
    @ParameterizedTest(name = "public employer {0}, told {1}: {2}")
    @CsvSource({"true, PRIVATE_EMPLOYEE, PUBLIC_SERVANT", "true, PUBLIC_SERVANT, PUBLIC_SERVANT",
            "false, PUBLIC_SERVANT, PRIVATE_EMPLOYEE", "false, ESAT_WORKER, ESAT_WORKER",
            "false, PRIVATE_EMPLOYEE, PRIVATE_EMPLOYEE", "true, ESAT_WORKER, PUBLIC_SERVANT"})
    void thePopulationOfAYearIsTheDeclaringEmployers(boolean publicEmployer, Population told, Population expected) {
        assertEquals(expected, Population.ofYear(publicEmployer, told));
    }

    @ParameterizedTest(name = "credit for {0} due by {1}")
    @CsvSource({"2016, 2017-03-31", "2025, 2026-03-31", "2027, 2028-03-31"})
    void theYearlyCreditIsPostedDuringTheFirstQuarter(int year, LocalDate expected) {
        assertEquals(expected, rules.postedBy(year));
    }

    @Test
    void explanationsOfOtherPopulations() {
        assertEquals("800 € au titre de 2021 : travailleur d'ESAT, plafond 8 000 € (L. 6323-34, R. 6323-29, décret 2018-1329)",
                credit(2021, Population.ESAT_WORKER, "400h", "-", "0€").explanation());
        assertEquals("50 h au titre de 2020 : agent public de catégorie C sans qualification de niveau 3 (ancien niveau "
                + "V), temps plein, plafond 400 h (décret 2019-1392)",
                credit(2020, Population.PUBLIC_SERVANT, "1607h", "C LQ", "0h").explanation());
        assertEquals("0 h au titre de 2016 : aucune règle CPF en vigueur en 2016 pour un agent public",
                credit(2016, Population.PUBLIC_SERVANT, "1607h", "-", "0h").explanation());
    }

    @Test
    void severalEmployersAreSummedBeforeTheRule() {
        List<EmployerDeclaration> twoHalfTimes = List.of(new EmployerDeclaration(2016, "A", minutes("803h30")),
                new EmployerDeclaration(2016, "B", minutes("803h30")));
        assertEquals(minutes("1607h"), EmployerDeclaration.sumForYear(2016, twoHalfTimes));
        Credit full = rules.credit(CpfYearInput.of(2016, Population.PRIVATE_EMPLOYEE, ADULT).withDeclarations(twoHalfTimes));
        assertEquals(amount("24h"), Tables.of(full));

        // Two quarter-time jobs in 2020 reach half time together: the full 500 €, not twice a prorated credit.
        List<EmployerDeclaration> twoQuarters = List.of(new EmployerDeclaration(2020, "A", minutes("401h45")),
                new EmployerDeclaration(2020, "B", minutes("401h45")));
        assertEquals(amount("500€"), Tables.of(rules.credit(
                CpfYearInput.of(2020, Population.PRIVATE_EMPLOYEE, ADULT).withDeclarations(twoQuarters))));

        assertThrows(IllegalArgumentException.class, () -> EmployerDeclaration.sumForYear(2016,
                List.of(new EmployerDeclaration(2015, "A", 60))));
    }

    @Test
    void aDiplomaGainedChangesTheRateFromTheNextYear() {
        // Low-qualified in 2018 (48 h), diploma at the end of 2018: the common 500 € in 2019.
        Credit y2018 = credit(2018, Population.PRIVATE_EMPLOYEE, "1607h", "LQ", "48h");
        Credit y2019 = credit(2019, Population.PRIVATE_EMPLOYEE, "1607h", "-", "1440€");
        assertEquals(amount("48h"), Tables.of(y2018));
        assertEquals("cpf.private.hours.low-qualified", y2018.rule());
        assertEquals(amount("500€"), Tables.of(y2019));
        assertEquals("cpf.private.euros", y2019.rule());
        // Still low-qualified in 2019: 800 €.
        assertEquals(amount("800€"), Tables.of(credit(2019, Population.PRIVATE_EMPLOYEE, "1607h", "LQ", "1440€")));
    }

    @Test
    void declarationReferenceDurationReplacesTheLegalOne() {
        // A 1 600 h conventional year: 800 h is half of it, so full credit, though below half of 1 607 h.
        CpfYearInput in = CpfYearInput.of(2020, Population.PRIVATE_EMPLOYEE, ADULT).withWorkedMinutes(minutes("800h"))
                .withReferenceMinutes(minutes("1600h"));
        Credit credit = rules.credit(in);
        assertEquals(amount("500€"), Tables.of(credit));
        assertEquals(minutes("1600h"), credit.inputs().get("referenceMinutes"));
        assertTrue(credit.parameters().stream().noneMatch(p -> p.parameter().equals("cpf-legal-yearly-duration")));
        assertEquals(amount("248.92€"), Tables.of(rules.credit(in.withReferenceMinutes(null))));
    }

    @Test
    void aCreditCarriesItsRuleParametersSourcesAndInputs() {
        Credit credit = credit(2016, Population.PRIVATE_EMPLOYEE, "1607h", "-", "24h");
        assertEquals("cpf.private.hours", credit.rule());
        assertEquals(2016, credit.year());
        assertEquals(Unit.MINUTES, credit.unit());
        assertEquals(LocalDate.of(2016, 12, 31), credit.effectiveDate());
        assertEquals(1440, credit.parameter("cpf-hours-yearly-credit").value());
        assertTrue(credit.parameter("cpf-hours-yearly-credit").source().contains("L. 6323-11"));
        assertEquals(9000, credit.parameter("cpf-hours-ceiling").value());
        assertEquals(96420, credit.parameter("cpf-legal-yearly-duration").value());
        assertEquals(minutes("1607h"), credit.inputs().get("workedMinutes"));
        assertEquals(minutes("24h"), credit.inputs().get("earnedBalance"));
        assertEquals("PRIVATE_EMPLOYEE", credit.inputs().get("population"));
        assertEquals("cpf.private.hours", credit.audit().get("rule"));

        Credit euros = credit(2020, Population.PRIVATE_EMPLOYEE, "1607h", "-", "0€");
        assertTrue(euros.parameter("cpf-euros-yearly-credit").source().contains("décret n° 2018-1329"));
        assertEquals(50, euros.parameter("cpf-euros-full-credit-min-share").value());
    }

    @Test
    void unitsFollowPopulationAndYear() {
        assertEquals(Unit.MINUTES, rules.unitFor(2018, Population.PRIVATE_EMPLOYEE));
        assertEquals(Unit.EURO_CENTS, rules.unitFor(2019, Population.PRIVATE_EMPLOYEE));
        assertEquals(Unit.EURO_CENTS, rules.unitFor(2019, Population.ESAT_WORKER));
        assertEquals(Unit.MINUTES, rules.unitFor(2024, Population.PUBLIC_SERVANT));
    }

    // The balance a credit compares with its ceiling: top-ups never count; the DIF still held not in 2015–2018
    // (loi 2014-288), from 23 August 2019 (ordonnance 2019-861), so a 2019 credit already counts it.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | year | balance | toppedUp | credited | dif     | expected
            2016: DIF of 120 h left out beside 24 h earned      | 2016 | 144h    | 0h       | 0h       | 120h    | 24h
            2018: DIF entered beside 150 h of 2015–2018 credits | 2018 | 270h    | 0h       | 0h       | 120h    | 150h
            2018: top-ups left out too                          | 2018 | 300h    | 30h      | 12h      | 120h    | 138h
            2018: never below nothing                           | 2018 | 100h    | 0h       | 0h       | 120h    | 0h
            2019: the DIF counts                                | 2019 | 4050€   | 0€       | 0€       | 1800€   | 4050€
            2020: DIF entered in 2020 beside 150 h converted    | 2020 | 4550€   | 500€     | 0€       | 1800€   | 4050€
            """)
    void earnedBalanceForTheCeiling(String name, int year, String balance, String toppedUp, String credited, String dif,
            String expected) {
        assertEquals(amount(expected).value(), rules.earnedBalance(year, amount(balance).value(),
                amount(toppedUp).value(), amount(credited).value(), amount(dif).value()), name);
    }

    @ParameterizedTest(name = "{0}: DIF counted {1}")
    @CsvSource({"2015, false", "2018, false", "2019, true", "2026, true"})
    void difCountsTowardTheCeilingFrom2019(int year, boolean counted) {
        assertEquals(counted, rules.difCountsTowardCeiling(year));
    }

    // L. 5151-2: from a full-rate pension, or at 67, the CPF neither accrues nor can be used ("-": not frozen).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                       | born       | retired    | on         | frozen from | reason
            67 in May 2025                               | 1958-05-03 | -          | 2026-01-10 | 2025-05-03  | 67 ans le 03/05/2025
            66 and working                               | 1960-02-01 | -          | 2026-01-10 | -           | -
            67 before the limit came into force          | 1955-02-01 | -          | 2024-06-01 | 2024-01-01  | 67 ans le 01/02/2022
            a full-rate pension at 62                    | 1962-01-01 | 2024-09-01 | 2026-01-10 | 2024-09-01  | droits à la retraite liquidés le 01/09/2024
            pension before 67: the pension               | 1958-05-03 | 2023-03-01 | 2026-01-10 | 2023-03-01  | droits à la retraite liquidés le 01/03/2023
            a pension still to come                      | 1962-01-01 | 2027-01-01 | 2026-01-10 | -           | -
            """)
    void theCpfFreezesAtAFullRatePensionOrAt67(String name, LocalDate born, String retired, LocalDate on, String from,
            String reason) {
        Holder holder = retired.equals("-") ? Holder.bornOn(born) : Holder.bornOn(born).retiredOn(LocalDate.parse(retired));
        var freeze = rules.frozenOn(holder, on);
        assertEquals(from.equals("-") ? null : LocalDate.parse(from), freeze.map(CpfFreeze::from).orElse(null), name);
        assertEquals(reason.equals("-") ? null : reason, freeze.map(CpfFreeze::reason).orElse(null), name);
    }

    @Test
    void aYearWhenTheHolderTurns67AccruesUntilThen() {
        Holder born1958 = Holder.bornOn(LocalDate.of(1958, 5, 3));
        Credit y2025 = rules.credit(CpfYearInput.of(2025, Population.PRIVATE_EMPLOYEE, born1958)
                .withWorkedMinutes(minutes("1607h")));
        // 122 days of 365 before the 67th birthday: under half a year's time, so prorated, rounded up to the cent.
        assertEquals(amount("167.13€"), Tables.of(y2025), y2025.explanation());
        assertTrue(y2025.explanation().contains("67 ans le 03/05/2025"), y2025.explanation());
        Credit y2026 = rules.credit(CpfYearInput.of(2026, Population.PRIVATE_EMPLOYEE, born1958)
                .withWorkedMinutes(minutes("1607h")));
        assertEquals("0 € au titre de 2026 : 67 ans le 03/05/2025, le CPF n'est plus alimenté (L. 5151-2)",
                y2026.explanation());
    }
}
