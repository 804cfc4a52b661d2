package fr.cpa.ledger.domain.rules;

/** Who the CPF rules are chosen for, with the date: each population has its own rates. */
public enum Population {
    /** Salarié de droit privé (job seekers keep their rights but earn no yearly credit from unemployment). */
    PRIVATE_EMPLOYEE("salarié"),
    /** Travailleur handicapé admis en ESAT (L. 6323-33 and following, from 2017). */
    ESAT_WORKER("travailleur d'ESAT"),
    /** Agent public (ordonnance 2017-53): hours, also after 2019. */
    PUBLIC_SERVANT("agent public");

    private final String label;

    Population(String label) {
        this.label = label;
    }

    /**
     * The population of a year of activity. A public employer's declaration makes it a public-service year, whatever
     * the holder told (ordonnance 2017-53: the agent's rights follow the employer); what the holder told gives the
     * others (ESAT), never the public service, which only a public employer's declaration shows.
     */
    public static Population ofYear(boolean declaredByPublicEmployer, Population told) {
        if (declaredByPublicEmployer) {
            return PUBLIC_SERVANT;
        }
        return told == PUBLIC_SERVANT ? PRIVATE_EMPLOYEE : told;
    }

    /** French label used in explanations. */
    public String label() {
        return label;
    }
}
