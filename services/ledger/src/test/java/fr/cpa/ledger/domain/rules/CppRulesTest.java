package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.ADULT;
import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static fr.cpa.ledger.domain.rules.Tables.amount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CppRulesTest {

    private final CppRules rules = new CppRules(BOOKS);

    /** "1:NIGHT_WORK+NOISE;2:NIGHT_WORK" — one item per declaration; several may name the same quarter. */
    private static List<CppQuarterExposure> exposures(int year, String text) {
        List<CppQuarterExposure> out = new ArrayList<>();
        for (String item : text.split(";")) {
            String[] kv = item.split(":");
            Set<CppFactor> factors = EnumSet.noneOf(CppFactor.class);
            for (String f : kv[1].split("\\+")) {
                factors.add(CppFactor.valueOf(f.trim()));
            }
            out.add(new CppQuarterExposure(year, Integer.parseInt(kv[0].trim()), factors));
        }
        return out;
    }

    private static final String NIGHT_ALL_YEAR = "1:NIGHT_WORK;2:NIGHT_WORK;3:NIGHT_WORK;4:NIGHT_WORK";
    private static final String SEVERAL_ALL_YEAR = "1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                         | year | exposures                                                  | career | expected
            one factor all year: 4 points                  | 2018 | 1:NIGHT_WORK;2:NIGHT_WORK;3:NIGHT_WORK;4:NIGHT_WORK        | 0      | 4pt
            several factors all year: 8 points             | 2018 | 1:NIGHT_WORK+NOISE;2:REPETITIVE_WORK+HYPERBARIC;3:NOISE+EXTREME_TEMPERATURES;4:ALTERNATING_SHIFTS+NOISE | 0 | 8pt
            two quarters of one factor                     | 2019 | 1:NIGHT_WORK;2:NIGHT_WORK                                  | 10     | 2pt
            mixed quarters                                 | 2019 | 1:NIGHT_WORK;2:NIGHT_WORK+NOISE;4:NOISE                    | 0      | 4pt
            two employers, two factors in one quarter      | 2019 | 1:NIGHT_WORK;1:NOISE                                       | 0      | 2pt
            cut to reach the 100-point ceiling             | 2018 | 1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE | 98 | 2pt
            at the 100-point ceiling                       | 2018 | 1:NIGHT_WORK                                               | 100    | 0pt
            manual handling stops on 1 October 2017        | 2017 | 1:MANUAL_HANDLING;2:MANUAL_HANDLING;3:MANUAL_HANDLING;4:MANUAL_HANDLING | 0 | 3pt
            Q4 2017: handling no longer a second factor    | 2017 | 3:NIGHT_WORK+MANUAL_HANDLING;4:NIGHT_WORK+MANUAL_HANDLING  | 0      | 3pt
            noise counts from 1 July 2016                  | 2016 | 1:NOISE;2:NOISE;3:NOISE;4:NOISE                            | 0      | 2pt
            2023: ceiling until Q3, lifted from September  | 2023 | 1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE | 100 | 2pt
            2024: no ceiling                               | 2024 | 1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE | 120 | 8pt
            three factors all of 2024: 12 points           | 2024 | 1:NIGHT_WORK+NOISE+REPETITIVE_WORK;2:NIGHT_WORK+NOISE+REPETITIVE_WORK;3:NIGHT_WORK+NOISE+REPETITIVE_WORK;4:NIGHT_WORK+NOISE+REPETITIVE_WORK | 0 | 12pt
            three factors all of 2022: still 8 points      | 2022 | 1:NIGHT_WORK+NOISE+REPETITIVE_WORK;2:NIGHT_WORK+NOISE+REPETITIVE_WORK;3:NIGHT_WORK+NOISE+REPETITIVE_WORK;4:NIGHT_WORK+NOISE+REPETITIVE_WORK | 0 | 8pt
            2023 straddles: Q1–Q3 2 each, Q4 3 factors      | 2023 | 1:NIGHT_WORK+NOISE+REPETITIVE_WORK;2:NIGHT_WORK+NOISE+REPETITIVE_WORK;3:NIGHT_WORK+NOISE+REPETITIVE_WORK;4:NIGHT_WORK+NOISE+REPETITIVE_WORK | 0 | 9pt
            2023: one factor in Q3, one in Q4              | 2023 | 3:NIGHT_WORK;4:NOISE                                       | 0      | 2pt
            2025: three employers, one factor each         | 2025 | 2:NIGHT_WORK;2:NOISE;2:HYPERBARIC                           | 0      | 3pt
            2024: removed factors earn nothing             | 2024 | 1:NIGHT_WORK+MANUAL_HANDLING+AWKWARD_POSTURES               | 0      | 1pt
            """)
    void yearPoints(String name, int year, String exposures, long career, String expected) {
        Credit credit = rules.yearCredit(year, ADULT, exposures(year, exposures), career);
        assertEquals(amount(expected), Tables.of(credit), name + " — " + credit.explanation());
    }

    // R. 4163-9: points doubled for people born before 1 July 1956, under both scales; the ceiling is not doubled.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | born       | year | exposures                                   | career | expected
            born 1955, one factor all of 2018       | 1955-03-10 | 2018 | 1:NIGHT_WORK;2:NIGHT_WORK;3:NIGHT_WORK;4:NIGHT_WORK | 0 | 8pt
            born 1955, two factors all of 2018      | 1955-03-10 | 2018 | 1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE | 0 | 16pt
            born 1955, ceiling not doubled          | 1955-03-10 | 2018 | 1:NIGHT_WORK+NOISE;2:NIGHT_WORK+NOISE;3:NIGHT_WORK+NOISE;4:NIGHT_WORK+NOISE | 96 | 4pt
            born 1955, three factors in Q4 2023     | 1955-03-10 | 2023 | 4:NIGHT_WORK+NOISE+REPETITIVE_WORK          | 0      | 6pt
            born 30 June 1956: doubled              | 1956-06-30 | 2019 | 1:NIGHT_WORK                                | 0      | 2pt
            born 1 July 1956: not doubled           | 1956-07-01 | 2019 | 1:NIGHT_WORK                                | 0      | 1pt
            """)
    void pointsByBirthDate(String name, LocalDate born, int year, String exposures, long career, String expected) {
        Credit credit = rules.yearCredit(year, Holder.bornOn(born), exposures(year, exposures), career);
        assertEquals(amount(expected), Tables.of(credit), name + " — " + credit.explanation());
    }

    @Test
    void explanationsNameTheTextInForce() {
        String three = "NIGHT_WORK+NOISE+REPETITIVE_WORK";
        String allYear = "1:" + three + ";2:" + three + ";3:" + three + ";4:" + three;
        assertEquals("12 points au titre de 2024 : 4 trimestres d'exposition à 3 facteurs (1 point par facteur et par "
                + "trimestre) (R. 4163-9, décret 2023-759)",
                rules.yearCredit(2024, ADULT, exposures(2024, allYear), 0).explanation());
        assertEquals("9 points au titre de 2023 : 3 trimestres d'exposition à plusieurs facteurs (2 points par trimestre), "
                + "1 trimestre d'exposition à 3 facteurs (1 point par facteur et par trimestre) "
                + "(R. 4163-9 ; R. 4163-9, décret 2023-759)",
                rules.yearCredit(2023, ADULT, exposures(2023, allYear), 0).explanation());
        Credit doubled = rules.yearCredit(2024, Holder.bornOn(LocalDate.of(1955, 3, 10)), exposures(2024, "1:NIGHT_WORK"), 0);
        assertEquals("2 points au titre de 2024 : 1 trimestre d'exposition à 1 facteur (1 point par facteur et par "
                + "trimestre), points multipliés par 2 (personne née avant le 01/07/1956) "
                + "(R. 4163-9, décret 2023-759 ; R. 4163-9)", doubled.explanation());
        assertEquals(2, doubled.parameter("cpp-points-multiplier-by-birth-date").value());
    }

    @Test
    void retirementAndDeathStopThePoints() {
        Holder retiredInJuly = ADULT.retiredOn(LocalDate.of(2018, 7, 1));
        assertEquals(2, rules.yearCredit(2018, retiredInJuly, exposures(2018, NIGHT_ALL_YEAR), 0).amount());
        Holder died = ADULT.diedOn(LocalDate.of(2018, 10, 1));
        assertEquals(0, rules.yearCredit(2018, died, exposures(2018, SEVERAL_ALL_YEAR), 0).amount());
    }

    @Test
    void explanationAndParameters() {
        Credit credit = rules.yearCredit(2018, ADULT, exposures(2018, "1:NIGHT_WORK;2:NIGHT_WORK+NOISE"), 99);
        assertEquals("1 point au titre de 2018 : 1 trimestre d'exposition à un facteur (1 point par trimestre), "
                + "1 trimestre d'exposition à plusieurs facteurs (2 points par trimestre), plafond de carrière 100 points atteint "
                + "(R. 4163-9)",
                credit.explanation());
        assertEquals(100, credit.parameter("cpp-career-ceiling").value());
        assertEquals(LocalDate.of(2018, 12, 31), credit.effectiveDate());
        assertThrows(IllegalArgumentException.class, () -> rules.yearCredit(2018, ADULT, exposures(2017, NIGHT_ALL_YEAR), 0));
    }

    // Training uses any point; the reserve (by birth date) only limits other uses.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                               | born       | date       | points | balance | used | expected | reserved | remaining
            2020: 10 points at 375 €             | 1980-05-17 | 2020-03-15 | 10     | 40      | 0    | 3750€    | 20       | 10
            2020: 30 points, reserve used up     | 1980-05-17 | 2020-03-15 | 30     | 40      | 0    | 11250€   | 20       | 0
            reserve partly used before           | 1980-05-17 | 2021-06-01 | 4      | 20      | 12   | 1500€    | 20       | 4
            born 1961: 10 reserved               | 1961-04-02 | 2020-03-15 | 4      | 40      | 0    | 1500€    | 10       | 6
            born 1959: none reserved             | 1959-12-31 | 2020-03-15 | 10     | 40      | 0    | 3750€    | 0        | 0
            2018: 1 point = 25 h                 | 1980-05-17 | 2018-06-01 | 10     | 40      | 0    | 250h     | 20       | 10
            2024: 1 point = 500 €                | 1980-05-17 | 2024-02-01 | 10     | 40      | 0    | 5000€    | 20       | 10
            """)
    void conversionToCpf(String name, String born, String date, long points, long balance, long used, String expected,
            long reserved, long remaining) {
        CppToCpfConversion c = rules.convertToCpf(points, balance, used, LocalDate.parse(born), LocalDate.parse(date));
        assertEquals(points, c.pointsOut(), name);
        assertEquals(amount(expected), new Tables.Amount(c.amountIn(), c.unitIn()), name);
        assertEquals(reserved, c.reservedForTraining().value(), name);
        assertEquals(remaining, c.reservedRemainingAfter(), name);
    }

    @ParameterizedTest(name = "balance {0}, used {1}, born {2}: {3} for other uses")
    @CsvSource(delimiter = '|', textBlock = """
            40 | 0  | 1980-05-17 | 20
            40 | 20 | 1980-05-17 | 40
            40 | 5  | 1980-05-17 | 25
            15 | 0  | 1980-05-17 | 0
            40 | 0  | 1962-12-31 | 30
            40 | 0  | 1959-06-30 | 40
            """)
    void reservedPointsLimitOtherUses(long balance, long used, String born, long expected) {
        assertEquals(expected, rules.pointsAvailableForOtherUses(balance, used, LocalDate.parse(born)));
    }

    @Test
    void conversionExplanationAndLimits() {
        CppToCpfConversion c = rules.convertToCpf(10, 40, 0, LocalDate.of(1980, 5, 17), LocalDate.of(2020, 3, 15));
        assertEquals("10 points du CPP utilisés pour la formation : 3 750 € sur le CPF le 15/03/2020 (1 point = 375 €), "
                + "10 points sur 20 points réservés à la formation restent à utiliser", c.explanation());
        assertTrue(c.pointValue().source().contains("R. 4163-11"));
        assertThrows(IllegalArgumentException.class,
                () -> rules.convertToCpf(41, 40, 0, LocalDate.of(1980, 5, 17), LocalDate.of(2020, 3, 15)));
        assertThrows(IllegalArgumentException.class,
                () -> rules.convertToCpf(0, 40, 0, LocalDate.of(1980, 5, 17), LocalDate.of(2020, 3, 15)));
    }

    // R. 4163-11: 10 points buy 3 months of half time, 4 from 1 September 2023; 10 points a quarter of early
    // retirement, 80 points at most; the reconversion project is a use from 1 September 2023.
    @ParameterizedTest(name = "{0}: {1} points")
    @CsvSource(delimiter = '|', textBlock = """
            # date     | points | half-time months | retirement quarters | reconversion
            2020-03-15 | 20     | 6                | 2                   | false
            2023-08-31 | 20     | 6                | 2                   | false
            2023-09-01 | 20     | 8                | 2                   | true
            2026-01-10 | 25     | 8                | 2                   | true
            2026-01-10 | 100    | 40               | 8                   | true
            2026-01-10 | 9      | 0                | 0                   | true
            """)
    void otherUses(LocalDate date, long points, long months, long quarters, boolean reconversion) {
        CppOtherUses uses = rules.otherUses(points, date);
        assertEquals(months, uses.halfTimeMonths());
        assertEquals(quarters, uses.earlyRetirementQuarters());
        assertEquals(reconversion, uses.reconversion());
        assertTrue(uses.halfTimeMonthsPerBlock().law().startsWith("R. 4163-11"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-12-31 | -
            2018-06-01 | 100
            2023-08-31 | 100
            2023-09-01 | -
            2026-11-23 | -
            """)
    void careerCeiling(LocalDate date, String expected) {
        assertEquals(expected.equals("-") ? null : Long.valueOf(expected),
                rules.careerCeiling(date).map(v -> v.value()).orElse(null));
        assertEquals(date.isBefore(LocalDate.of(2023, 9, 1)) ? null : LocalDate.of(2023, 9, 1),
                rules.careerCeilingLiftedOn(date).orElse(null));
    }
}
