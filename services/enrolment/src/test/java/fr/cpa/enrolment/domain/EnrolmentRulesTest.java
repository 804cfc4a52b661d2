package fr.cpa.enrolment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lifecycle's deadlines from the dated rule book, counted in working days (or calendar days where the law says). */
class EnrolmentRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | from       | expected
            organisation answers within 2 working days          | 2026-12-10 | 2026-12-14
            over Christmas                                      | 2026-12-24 | 2026-12-29""")
    void organisationAnswer(String name, LocalDate submitted, LocalDate due) {
        assertEquals(due, EnrolmentRules.organisationAnswerDue(submitted), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | from       | expected
            holder confirms within 4 working days               | 2026-12-07 | 2026-12-11
            across a weekend                                    | 2026-12-10 | 2026-12-16
            Easter Monday is not counted                        | 2026-04-02 | 2026-04-09""")
    void confirmation(String name, LocalDate proposed, LocalDate due) {
        assertEquals(due, EnrolmentRules.confirmationDue(proposed), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | proposed   | earliest start
            11 working days                                     | 2026-12-07 | 2026-12-22
            Christmas and New Year are not counted              | 2026-12-18 | 2027-01-06
            8 May and Ascension are not counted                 | 2026-05-04 | 2026-05-21""")
    void elevenWorkingDays(String name, LocalDate proposed, LocalDate earliest) {
        assertEquals(earliest, EnrolmentRules.earliestStart(proposed), name);
        assertEquals(11, EnrolmentRules.proposalToStart(proposed).value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | requested  | starts     | ends       | notice
            three months: 60 days                               | 2026-12-07 | 2027-03-01 | 2027-05-31 | 60
            six months or more: 120 days                        | 2026-12-07 | 2027-06-01 | 2027-12-01 | 120
            one day short of six months: 60 days                | 2026-12-07 | 2027-06-01 | 2027-11-30 | 60""")
    void employerNotice(String name, LocalDate requested, LocalDate starts, LocalDate ends, long notice) {
        assertEquals(notice, EnrolmentRules.employerNotice(requested, starts, ends).value(), name);
        assertTrue(EnrolmentRules.employerNotice(requested, starts, ends).source().contains("D. 6323-4"));
    }

    @ParameterizedTest(name = "cancelling on {0} for a start on {1}: free {2}")
    @CsvSource({ "2026-12-07, 2026-12-17, true", "2026-12-07, 2026-12-16, false", "2026-12-07, 2026-12-08, false",
            "2026-12-18, 2027-01-04, true", "2026-12-23, 2027-01-04, false" })
    void freeCancellation(LocalDate today, LocalDate starts, boolean free) {
        assertEquals(free, EnrolmentRules.freeCancellation(today, starts));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | requested  | due
            30 calendar days                         | 2026-12-07 | 2027-01-06
            in February                              | 2027-02-01 | 2027-03-03""")
    void employerAnswer(String name, LocalDate requested, LocalDate due) {
        assertEquals(due, EnrolmentRules.employerAnswerDue(requested), name);
    }
}
