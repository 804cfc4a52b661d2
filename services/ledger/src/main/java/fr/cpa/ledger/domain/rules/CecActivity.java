package fr.cpa.ledger.domain.rules;

/**
 * Activities that earn CEC rights (seeds 000/002/004; L. 5151-9), each with the minimum duration in the year that
 * earns the credit (D. 5151-14, kept in cec.json). Two activities have a second condition.
 */
public enum CecActivity {
    SERVICE_CIVIQUE("service civique", "cec-minimum-service-civique", Measure.MONTHS, null, null),
    RESERVE_MILITAIRE("réserve militaire opérationnelle", "cec-minimum-reserve-militaire", Measure.DAYS, null, null),
    RESERVE_COMMUNALE_SECURITE_CIVILE("réserve communale de sécurité civile",
            "cec-minimum-reserve-communale-securite-civile", Measure.YEARS, null, null),
    RESERVE_SANITAIRE("réserve sanitaire", "cec-minimum-reserve-sanitaire", Measure.DAYS, null, null),
    MAITRE_APPRENTISSAGE("maître d'apprentissage", "cec-minimum-maitre-apprentissage", Measure.MONTHS, null, null),
    /** Dirigeant ou bénévole d'association: total hours, and hours in a single association. */
    BENEVOLAT_ASSOCIATIF("bénévolat associatif", "cec-minimum-benevolat-associatif", Measure.MINUTES,
            "cec-minimum-benevolat-associatif-same-association", Measure.MINUTES),
    SAPEUR_POMPIER_VOLONTAIRE("sapeur-pompier volontaire", "cec-minimum-sapeur-pompier-volontaire", Measure.YEARS,
            null, null),
    /** Years of commitment, and shifts (vacations) in the year. */
    RESERVE_CIVILE_POLICE("réserve civile de la police nationale", "cec-minimum-reserve-civile-police", Measure.YEARS,
            "cec-minimum-reserve-civile-police-vacations", Measure.VACATIONS);

    /** How an activity's duration is counted; integers in each. */
    public enum Measure {
        MONTHS, DAYS, YEARS, MINUTES, VACATIONS;

        String format(long value) {
            return switch (this) {
                case MONTHS -> value + " mois";
                case DAYS -> value + (value > 1 ? " jours" : " jour");
                case YEARS -> value + (value > 1 ? " ans" : " an") + " d'engagement";
                case MINUTES -> Unit.MINUTES.format(value);
                case VACATIONS -> value + (value > 1 ? " vacations" : " vacation");
            };
        }
    }

    private final String label;
    private final String minimumParameter;
    private final Measure measure;
    private final String secondMinimumParameter;
    private final Measure secondMeasure;

    CecActivity(String label, String minimumParameter, Measure measure, String secondMinimumParameter,
            Measure secondMeasure) {
        this.label = label;
        this.minimumParameter = minimumParameter;
        this.measure = measure;
        this.secondMinimumParameter = secondMinimumParameter;
        this.secondMeasure = secondMeasure;
    }

    public String label() {
        return label;
    }

    public String minimumParameter() {
        return minimumParameter;
    }

    public Measure measure() {
        return measure;
    }

    /** The second condition's parameter, or null. */
    public String secondMinimumParameter() {
        return secondMinimumParameter;
    }

    public Measure secondMeasure() {
        return secondMeasure;
    }
}
