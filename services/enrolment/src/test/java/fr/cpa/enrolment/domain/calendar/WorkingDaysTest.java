package fr.cpa.enrolment.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {

    // Easter Sundays as published (the Gregorian computus), including the extremes of 22 March and 25 April.
    @ParameterizedTest(name = "Easter {0} is on {1}")
    @CsvSource({ "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28",
            "2038, 2038-04-25", "2285, 2285-03-22", "2000, 2000-04-23" })
    void easter(int year, LocalDate sunday) {
        assertEquals(sunday, PublicHolidays.easterSunday(year));
    }

    @ParameterizedTest(name = "{0} is a public holiday ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-01 | jour de l'an
            2026-04-06 | lundi de Pâques
            2026-05-01 | fête du travail
            2026-05-08 | victoire 1945
            2026-05-14 | Ascension (Pâques + 39)
            2026-05-25 | lundi de Pentecôte (Pâques + 50)
            2026-07-14 | fête nationale
            2026-08-15 | Assomption
            2026-11-01 | Toussaint
            2026-11-11 | armistice
            2026-12-25 | Noël
            2027-03-29 | lundi de Pâques 2027
            2027-05-06 | Ascension 2027
            2027-05-17 | lundi de Pentecôte 2027""")
    void holidays(LocalDate day, String name) {
        assertTrue(PublicHolidays.isHoliday(day), name);
        assertFalse(WorkingDays.isWorkingDay(day), name);
    }

    @Test
    void elevenHolidaysAYearAndNoOthers() {
        assertEquals(11, PublicHolidays.of(2026).size());
        assertFalse(PublicHolidays.isHoliday(LocalDate.of(2026, 4, 3)), "Good Friday is Alsace-Moselle's only");
        assertFalse(PublicHolidays.isHoliday(LocalDate.of(2026, 12, 26)), "26 December is Alsace-Moselle's only");
        assertFalse(PublicHolidays.isHoliday(LocalDate.of(2026, 4, 5)), "Easter Sunday is a Sunday anyway");
    }

    @ParameterizedTest(name = "{0}: {1} working days after {2} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | n  | from       | expected
            Monday + 2                               | 2  | 2026-12-07 | 2026-12-09
            Thursday + 2 crosses the weekend         | 2  | 2026-12-10 | 2026-12-14
            Friday + 1 is Monday                     | 1  | 2026-12-11 | 2026-12-14
            Saturday + 1 is Monday                   | 1  | 2026-12-12 | 2026-12-14
            Christmas Eve + 2 skips Christmas         | 2  | 2026-12-24 | 2026-12-29
            over New Year                            | 4  | 2026-12-30 | 2027-01-06
            Easter: Thursday + 2 skips Easter Monday | 2  | 2026-04-02 | 2026-04-07
            Ascension bridge                         | 2  | 2026-05-13 | 2026-05-18
            Whit Monday                              | 1  | 2026-05-22 | 2026-05-26
            11 working days: 8 May and Ascension out | 11 | 2026-05-04 | 2026-05-21
            zero is the day itself                   | 0  | 2026-12-12 | 2026-12-12""")
    void after(String name, int n, LocalDate from, LocalDate expected) {
        assertEquals(expected, WorkingDays.after(from, n), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                             | from       | to         | expected
            same day                           | 2026-12-07 | 2026-12-07 | 0
            a working week                     | 2026-12-07 | 2026-12-14 | 5
            across Christmas and New Year      | 2026-12-18 | 2027-01-04 | 9
            backwards counts nothing           | 2026-12-14 | 2026-12-07 | 0""")
    void between(String name, LocalDate from, LocalDate to, int expected) {
        assertEquals(expected, WorkingDays.between(from, to), name);
    }
}
