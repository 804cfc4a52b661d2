package fr.cpa.enrolment.domain.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * France's public holidays (jours fériés, Code du travail L. 3133-1): eight on fixed dates and three that follow
 * Easter (Easter Monday, Ascension Thursday, Whit Monday), computed for any year rather than listed. The two extra
 * holidays of Alsace-Moselle (Good Friday, 26 December; L. 3134-13) are local, not national, and not counted.
 */
public final class PublicHolidays {

    private static final List<MonthDay> FIXED = List.of(
            MonthDay.of(1, 1),   // jour de l'an
            MonthDay.of(5, 1),   // fête du travail
            MonthDay.of(5, 8),   // victoire 1945
            MonthDay.of(7, 14),  // fête nationale
            MonthDay.of(8, 15),  // Assomption
            MonthDay.of(11, 1),  // Toussaint
            MonthDay.of(11, 11), // armistice 1918
            MonthDay.of(12, 25)); // Noël

    private static final Map<Integer, Set<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private PublicHolidays() {
    }

    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).contains(day);
    }

    /** The eleven public holidays of a year. */
    public static Set<LocalDate> of(int year) {
        return BY_YEAR.computeIfAbsent(year, PublicHolidays::compute);
    }

    private static Set<LocalDate> compute(int year) {
        LocalDate easter = easterSunday(year);
        return Stream.concat(FIXED.stream().map(day -> day.atYear(year)),
                Stream.of(easter.plusDays(1), easter.plusDays(39), easter.plusDays(50)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
