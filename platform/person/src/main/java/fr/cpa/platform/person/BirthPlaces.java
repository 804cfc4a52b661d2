package fr.cpa.platform.person;

import java.util.Locale;

/**
 * Comparing INSEE birth-place codes from different sources. Paris, Lyon and Marseille have municipal
 * arrondissements with their own codes: a NIR carries the arrondissement (75116) while FranceConnect gives the
 * city (75056), so both are mapped to the city before comparing. Corsica was one department, 20, until 1976, and
 * a NIR given before then still says 20 where today's code says 2A or 2B; commune numbers were kept across the
 * split, so 20004 and 2A004 are the same commune.
 */
public final class BirthPlaces {

    /** The INSEE country code of France, which FranceConnect gives as the birth country of people born there. */
    public static final String FRANCE = "99100";

    private static final String PARIS = "75056";
    private static final String LYON = "69123";
    private static final String MARSEILLE = "13055";

    private BirthPlaces() {
    }

    /**
     * The city of an arrondissement (75101–75120 Paris, 69381–69389 Lyon, 13201–13216 Marseille); any other code
     * as it is, trimmed and upper-cased (2a → 2A). Null stays null.
     */
    public static String cityOf(String commune) {
        if (commune == null) {
            return null;
        }
        String code = commune.trim().toUpperCase(Locale.ROOT);
        if (code.length() != 5 || !code.chars().allMatch(Character::isDigit)) {
            return code;
        }
        int n = Integer.parseInt(code);
        if (n >= 75101 && n <= 75120) {
            return PARIS;
        }
        if (n >= 69381 && n <= 69389) {
            return LYON;
        }
        if (n >= 13201 && n <= 13216) {
            return MARSEILLE;
        }
        return code;
    }

    /**
     * True when two commune codes name the same commune once arrondissements are mapped to their city, reading the
     * old Corsican 20 as either 2A or 2B. A missing or blank code is the same as nothing.
     */
    public static boolean sameCommune(String a, String b) {
        String x = cityOf(a);
        String y = cityOf(b);
        if (x == null || y == null || x.isEmpty() || y.isEmpty()) {
            return false;
        }
        return x.equals(y) || (isCorsican(x) && isCorsican(y) && (x.startsWith("20") || y.startsWith("20"))
                && x.substring(2).equals(y.substring(2)));
    }

    private static boolean isCorsican(String code) {
        return code.length() == 5 && (code.startsWith("20") || code.startsWith("2A") || code.startsWith("2B"));
    }
}
