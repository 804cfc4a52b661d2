package fr.cpa.platform.web.input;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.cpa.platform.web.input.InvalidDecimalException.Refusal;

/**
 * Reads a decimal sent by a client (JSON number, form or query field, CSV or XML value), its text checked before it
 * is parsed. {@code new BigDecimal} takes any exponent, and the arithmetic that follows ({@code setScale},
 * {@code toBigInteger}...) then costs as much as the exponent is large: {@code 1e30000000} hours took 14 s of CPU.
 * Within these bounds a value has at most 41 digits, so any arithmetic on it is cheap.
 */
public final class Decimals {

    /** Far beyond any amount, number of hours or coordinate the platform reads; the bound on the digits. */
    public static final int MAX_LENGTH = 32;
    /**
     * The largest exponent, either way. The platform's own formats write none, but JSON allows them and serializers
     * write them (Java's BigDecimal writes 100 stripped of its zeros as {@code 1E+2}), so small ones are kept.
     */
    public static final int MAX_EXPONENT = 9;

    // What BigDecimal reads, in ASCII digits only (it also takes other scripts' digits).
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?(\\d+))?");
    private static final int EXPONENT_DIGITS = Integer.toString(MAX_EXPONENT).length();

    private Decimals() {
    }

    /** The decimal {@code text} writes, once its length and exponent are within bounds. */
    public static BigDecimal parse(String text) {
        return new BigDecimal(check(text));
    }

    /** {@code text} unchanged when it is a decimal within bounds: for readers that parse numbers themselves. */
    public static String check(String text) {
        if (text == null) {
            throw new InvalidDecimalException(Refusal.NOT_A_DECIMAL);
        }
        // First, so that nothing longer is even scanned.
        if (text.length() > MAX_LENGTH) {
            throw new InvalidDecimalException(Refusal.TOO_LONG);
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (!decimal.matches()) {
            throw new InvalidDecimalException(Refusal.NOT_A_DECIMAL);
        }
        String exponent = decimal.group(1);
        if (exponent != null) {
            String digits = exponent.replaceFirst("^0+(?=.)", "");
            if (digits.length() > EXPONENT_DIGITS || Integer.parseInt(digits) > MAX_EXPONENT) {
                throw new InvalidDecimalException(Refusal.EXPONENT_TOO_LARGE);
            }
        }
        return text;
    }
}
