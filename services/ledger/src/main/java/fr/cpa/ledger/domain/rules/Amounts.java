package fr.cpa.ledger.domain.rules;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.LocalDate;

import fr.cpa.platform.rules.FrenchFormat;

/** Integer arithmetic and French formatting shared by the rules. Never floating point: money and time are exact. */
public final class Amounts {

    /** A unit constant, not a legal figure. */
    static final long MINUTES_PER_HOUR = 60;
    static final long CENTS_PER_EURO = 100;
    static final long PERCENT = 100;

    private Amounts() {
    }

    /** numerator / denominator rounded half up (0.5 minute or cent goes up); both non-negative. */
    static long divideHalfUp(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() <= 0 || numerator.signum() < 0) {
            throw new IllegalArgumentException("rounding needs a non-negative numerator and a positive denominator");
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** numerator / denominator rounded up to a multiple of step. */
    static long divideUp(BigInteger numerator, BigInteger denominator, long step) {
        BigInteger unit = denominator.multiply(BigInteger.valueOf(step));
        BigInteger[] qr = numerator.divideAndRemainder(unit);
        BigInteger steps = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return steps.multiply(BigInteger.valueOf(step)).longValueExact();
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
            case MINUTES -> FrenchFormat.hours(amount);
            case EURO_CENTS -> FrenchFormat.euros(amount);
            case POINTS -> FrenchFormat.points(amount);
        };
    }

    /** A date as holders read it: 31/03/2026. */
    public static String date(LocalDate date) {
        return FrenchFormat.date(date);
    }
}
