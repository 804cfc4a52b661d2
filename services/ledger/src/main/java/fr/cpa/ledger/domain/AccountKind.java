package fr.cpa.ledger.domain;

import fr.cpa.ledger.domain.rules.Unit;

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
}
