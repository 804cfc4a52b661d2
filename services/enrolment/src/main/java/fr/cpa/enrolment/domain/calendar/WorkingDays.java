package fr.cpa.enrolment.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Working days (jours ouvrés) as the platform's deadlines count them: Monday to Friday, public holidays excepted.
 * A deadline of n working days after a day is the n-th working day after it, whatever day it falls on itself.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !PublicHolidays.isHoliday(day);
    }

    /** The n-th working day after {@code day} (n ≥ 0; 0 gives the day itself). */
    public static LocalDate after(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a number of working days is not negative");
        }
        LocalDate current = day;
        for (int counted = 0; counted < n; ) {
            current = current.plusDays(1);
            if (isWorkingDay(current)) {
                counted++;
            }
        }
        return current;
    }

    /** Working days strictly after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
    public static int between(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
