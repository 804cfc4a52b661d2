package fr.cpa.ledger.domain.rules;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Integer arithmetic and French formatting shared by the rules. Never floating point: money and time are exact. */
public final class Amounts {

    /** A unit constant, not a legal figure. */
    static final long MINUTES_PER_HOUR = 60;
    static final long CENTS_PER_EURO = 100;
    static final long PERCENT = 100;

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Amounts() {
    }

    /** numerator / denominator rounded half up (0.5 minute or cent goes up); both non-negative. */
    static long divideHalfUp(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() <= 0 || numerator.signum() < 0) {
            throw new IllegalArgumentException("rounding needs a non-negative numerator and a positive denominator");
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_UP).longValueExact();
    }

    static long divideHalfUp(long numerator, long denominator) {
        return divideHalfUp(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** a × b / c rounded half up, without overflow. */
    static long mulDivHalfUp(long a, long b, long c) {
        return divideHalfUp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(c));
    }

    static String format(long amount, Unit unit) {
        return switch (unit) {
            case MINUTES -> hours(amount);
            case EURO_CENTS -> euros(amount);
            case POINTS -> grouped(amount) + (Math.abs(amount) > 1 ? " points" : " point");
        };
    }

    /** A date as holders read it: 31/03/2026. */
    public static String date(LocalDate date) {
        return date.format(FRENCH_DATE);
    }

    private static String hours(long minutes) {
        String sign = minutes < 0 ? "-" : "";
        long m = Math.abs(minutes);
        long h = m / MINUTES_PER_HOUR;
        long rest = m % MINUTES_PER_HOUR;
        if (rest == 0) {
            return sign + grouped(h) + " h";
        }
        return sign + (h == 0 ? "" : grouped(h) + " h ") + rest + " min";
    }

    private static String euros(long cents) {
        String sign = cents < 0 ? "-" : "";
        long c = Math.abs(cents);
        long rest = c % CENTS_PER_EURO;
        String whole = grouped(c / CENTS_PER_EURO);
        return sign + (rest == 0 ? whole : whole + "," + (rest < 10 ? "0" : "") + rest) + " €";
    }

    /** French thousands grouping with a plain space ("5 000"), the style of the holder's statements. */
    private static String grouped(long value) {
        String digits = Long.toString(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
