package fr.cpa.ledger.domain.rules;

/**
 * The unit of an amount, in the rules and in the journal. Integers only: hours are counted in minutes (1 h = 60),
 * euros in cents.
 */
public enum Unit {
    MINUTES, EURO_CENTS, POINTS;

    /** The amount as a holder reads it, in French: "24 h", "12 h 30 min", "5 000 €", "250,50 €", "4 points". */
    public String format(long amount) {
        return Amounts.format(amount, this);
    }
}
