package fr.cpa.platform.person;

/**
 * Where a NIR says its holder was born: characters 6 to 10 of the number, which are an INSEE code in every case.
 * <ul>
 *   <li>{@link InFrance}: a commune code — department (2 digits, 2A/2B, or the old Corsican 20) and commune
 *       (3 digits), or for overseas (97x, 98x) a 3-digit department and a 2-digit commune. A NIR carries the
 *       arrondissement for Paris, Lyon and Marseille (see {@link BirthPlaces}).</li>
 *   <li>{@link Abroad}: department 99, then the INSEE country code without its leading 99 ({@code 99134} is
 *       Spain).</li>
 *   <li>{@link Unknown}: a temporary number (NIA), whose place is not yet established; a department that is no
 *       longer one (00, 96); a zero commune; or 99 followed by 000–100, which names no foreign country.</li>
 * </ul>
 * Codes from before a territory's independence (91–94 for Algeria, 95 for Morocco) are read as today's
 * departments: they compare as a different place, never as the same one.
 */
public sealed interface NirBirthPlace permits NirBirthPlace.InFrance, NirBirthPlace.Abroad, NirBirthPlace.Unknown {

    /** The only {@link Unknown}: there is nothing more to say about it. */
    NirBirthPlace UNKNOWN = new Unknown();

    /** Born in France (overseas included): the 5-character INSEE commune code, e.g. 75116, 2A004, 97105. */
    record InFrance(String commune) implements NirBirthPlace {

        /** The department: 3 characters overseas (971, 988), 2 otherwise (75, 2A). */
        public String department() {
            return commune.startsWith("97") || commune.startsWith("98") ? commune.substring(0, 3)
                    : commune.substring(0, 2);
        }
    }

    /** Born abroad: the 5-digit INSEE country code, e.g. 99134 for Spain. */
    record Abroad(String country) implements NirBirthPlace {
    }

    /** The number does not say where, or says it in a way that cannot be compared. */
    record Unknown() implements NirBirthPlace {
    }
}
