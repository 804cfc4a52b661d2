package fr.cpa.platform.rules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Amounts and dates as holders read them in French, in the explanations and mails of every service. */
public final class FrenchFormat {

    private static final long MINUTES_PER_HOUR = 60;
    private static final long CENTS_PER_EURO = 100;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private FrenchFormat() {
    }

    /** A date: 31/03/2026. */
    public static String date(LocalDate date) {
        return date.format(DATE);
    }

    /** Euro cents: "1 234,50 €", "500 €". */
    public static String euros(long cents) {
        String sign = cents < 0 ? "-" : "";
        long c = Math.abs(cents);
        long rest = c % CENTS_PER_EURO;
        String whole = grouped(c / CENTS_PER_EURO);
        return sign + (rest == 0 ? whole : whole + "," + (rest < 10 ? "0" : "") + rest) + " €";
    }

    /** Minutes: "24 h", "85 h 30 min", "45 min". */
    public static String hours(long minutes) {
        String sign = minutes < 0 ? "-" : "";
        long m = Math.abs(minutes);
        long h = m / MINUTES_PER_HOUR;
        long rest = m % MINUTES_PER_HOUR;
        if (rest == 0) {
            return sign + grouped(h) + " h";
        }
        return sign + (h == 0 ? "" : grouped(h) + " h ") + rest + " min";
    }

    /** Points: "1 point", "12 points". */
    public static String points(long points) {
        return grouped(points) + (Math.abs(points) > 1 ? " points" : " point");
    }

    /** French thousands grouping with a plain space ("5 000"), the style of the holder's statements. */
    private static String grouped(long value) {
        String digits = Long.toString(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && digits.charAt(i - 1) != '-' && (digits.length() - i) % 3 == 0) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
