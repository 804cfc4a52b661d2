package fr.cpa.ledger.domain;

/** The three accounts of the CPA, each with the unit its balance starts in. */
public enum AccountKind {
    /** Compte personnel de formation: hours until the conversion of 1 January 2019, euros after (hours for public servants). */
    CPF(Unit.MINUTES),
    /** Compte d'engagement citoyen. */
    CEC(Unit.MINUTES),
    /** Compte professionnel de prévention: points. */
    CPP(Unit.POINTS);

    private final Unit initialUnit;

    AccountKind(Unit initialUnit) {
        this.initialUnit = initialUnit;
    }

    public Unit initialUnit() {
        return initialUnit;
    }

    /** Amounts are integers: minutes for hours, euro cents for euros, points. */
    public enum Unit {
        MINUTES, EURO_CENTS, POINTS
    }
}
