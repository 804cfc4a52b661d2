package fr.cpa.ledger.domain.rules;

/**
 * Arduous-work factors (facteurs de risques professionnels). Each has a dated in-force parameter in cpp.json: the six
 * kept since 1 October 2017 (ordonnance 2017-1389), and the four of the former C3P that stopped earning points then
 * (kept so that 2015–2017 declarations are computed as the law of the time did).
 */
public enum CppFactor {
    NIGHT_WORK("travail de nuit", "cpp-factor-night-work"),
    ALTERNATING_SHIFTS("travail en équipes successives alternantes", "cpp-factor-alternating-shifts"),
    REPETITIVE_WORK("travail répétitif", "cpp-factor-repetitive-work"),
    EXTREME_TEMPERATURES("températures extrêmes", "cpp-factor-extreme-temperatures"),
    NOISE("bruit", "cpp-factor-noise"),
    HYPERBARIC("milieu hyperbare", "cpp-factor-hyperbaric"),
    /** Until 30 September 2017. */
    MANUAL_HANDLING("manutentions manuelles de charges", "cpp-factor-manual-handling"),
    /** Until 30 September 2017. */
    AWKWARD_POSTURES("postures pénibles", "cpp-factor-awkward-postures"),
    /** Until 30 September 2017. */
    MECHANICAL_VIBRATIONS("vibrations mécaniques", "cpp-factor-mechanical-vibrations"),
    /** Until 30 September 2017. */
    HAZARDOUS_CHEMICALS("agents chimiques dangereux", "cpp-factor-hazardous-chemicals");

    private final String label;
    private final String parameter;

    CppFactor(String label, String parameter) {
        this.label = label;
        this.parameter = parameter;
    }

    public String label() {
        return label;
    }

    /** The cpp.json parameter that says when the factor earns points (1 in force, null otherwise). */
    public String parameter() {
        return parameter;
    }
}
