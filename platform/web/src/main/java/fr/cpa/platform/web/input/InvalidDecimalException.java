package fr.cpa.platform.web.input;

/**
 * A text {@link Decimals} refuses, with the reason to give the client in a
 * {@link fr.cpa.platform.web.problem.FieldError}; never the text itself.
 */
public class InvalidDecimalException extends IllegalArgumentException {

    public enum Refusal {
        NOT_A_DECIMAL("must be a decimal number, such as 12.5"),
        TOO_LONG("must be a decimal number of at most " + Decimals.MAX_LENGTH + " characters"),
        EXPONENT_TOO_LARGE("must be a decimal number with an exponent from -" + Decimals.MAX_EXPONENT + " to "
                + Decimals.MAX_EXPONENT + ", if any");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }
    }

    private final Refusal refusal;

    InvalidDecimalException(Refusal refusal) {
        super(refusal.reason);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String reason() {
        return refusal.reason;
    }

    /**
     * The reason, in the caller's own words ({@code notADecimal}, how its format is described) when the text is no
     * decimal at all; a bound exceeded is always named as such.
     */
    public String reason(String notADecimal) {
        return refusal == Refusal.NOT_A_DECIMAL ? notADecimal : refusal.reason;
    }
}
