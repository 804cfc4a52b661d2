package fr.cpa.platform.person;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparing names as people and registries write them: tolerant of case, accents, ligatures, punctuation and
 * compound names, so that a FranceConnect identity can be linked to the holder who typed their own.
 *
 * <p><b>Normalisation</b> ({@link #normalise}): compatibility decomposition (NFKD), combining marks removed,
 * upper case (root locale), Œ → OE, Æ → AE, ß → SS, Ø → O, Ł → L, Đ → D; every character that is not a letter or
 * a digit (apostrophes, ʼ included, hyphens, dots, spaces...) separates tokens, and the result is the tokens joined
 * by single spaces. Particles stay tokens: "d'Artagnan" is {@code D ARTAGNAN}, "Le Goff" is {@code LE GOFF}.
 *
 * <p><b>Family names</b> ({@link #sameFamilyName}) match when either
 * <ul>
 *   <li>they are equal once all separators are removed ("Martin-Dupont" and "MARTIN DUPONT", "D'Artagnan" and
 *       "DARTAGNAN", "Le Goff" and "LEGOFF"), or</li>
 *   <li>one of them, separators removed, is a leading or trailing run of the other's tokens that holds at least one
 *       token other than a particle: people commonly use one of their two family names ("Martin" or "Dupont" for
 *       "Martin-Dupont") or drop the particle ("Fontaine" for "de La Fontaine"), but "de" alone is no name.</li>
 * </ul>
 *
 * <p><b>Given names</b> ({@link #sameGivenNames}): FranceConnect gives all of them separated by spaces
 * ("Jean Pierre Marie") while a holder may have typed "Jean-Pierre" or only "Jean". They match when, separators
 * removed, they are equal, or one of them is a leading run of the other's tokens that does not stop inside a
 * hyphenated compound: "Jean" matches "Jean Pierre Marie" and "Jean-Pierre" matches "Jean Pierre Marie", but
 * "Jean" does not match "Jean-Pierre Marie", Jean-Pierre being a first name of its own.
 *
 * <p>Blank or missing names match nothing.
 */
public final class PersonNames {

    // Particles alone do not make a family name; as tokens they are compared like any other.
    private static final Set<String> PARTICLES = Set.of(
            "D", "DE", "DU", "DES", "L", "LE", "LA", "LES", "DA", "DAS", "DEL", "DELLA", "DEI", "DI", "DO", "DOS",
            "VAN", "VON", "DER", "DEN", "TER", "TEN", "Y", "E");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // Runs of separators; a run holding a dash joins the parts of a compound. Spacing modifier letters (U+02B0–02FF)
    // count as separators because the modifier apostrophe ʼ is often typed in D'/L' names.
    private static final Pattern SEPARATORS = Pattern.compile("(?:[^\\p{L}\\p{N}]|[\\u02B0-\\u02FF])+");
    private static final Pattern DASH = Pattern.compile("\\p{Pd}");

    private PersonNames() {
    }

    /** The name as compared: upper-case, unaccented, tokens separated by single spaces; "" for null. */
    public static String normalise(String name) {
        return String.join(" ", parse(name).tokens);
    }

    /** The tokens of the normalised name; empty for a blank or missing name. */
    public static List<String> tokens(String name) {
        return List.copyOf(parse(name).tokens);
    }

    /** True when two family names match by the rule in the class description; symmetric. */
    public static boolean sameFamilyName(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        if (x.tokens.isEmpty() || y.tokens.isEmpty()) {
            return false;
        }
        return x.compact().equals(y.compact()) || familyPartOf(x, y) || familyPartOf(y, x);
    }

    /** True when two lists of given names match by the rule in the class description; symmetric. */
    public static boolean sameGivenNames(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        if (x.tokens.isEmpty() || y.tokens.isEmpty()) {
            return false;
        }
        return x.compact().equals(y.compact()) || givenPartOf(x, y) || givenPartOf(y, x);
    }

    private static boolean familyPartOf(Parsed part, Parsed whole) {
        String compact = part.compact();
        int size = whole.tokens.size();
        for (int n = 1; n < size; n++) {
            List<String> leading = whole.tokens.subList(0, n);
            List<String> trailing = whole.tokens.subList(size - n, size);
            if (String.join("", leading).equals(compact) && !allParticles(leading)
                    || String.join("", trailing).equals(compact) && !allParticles(trailing)) {
                return true;
            }
        }
        return false;
    }

    private static boolean givenPartOf(Parsed part, Parsed whole) {
        String compact = part.compact();
        for (int n = 1; n < whole.tokens.size(); n++) {
            if (!whole.hyphenAfter.get(n - 1) && String.join("", whole.tokens.subList(0, n)).equals(compact)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allParticles(List<String> tokens) {
        return PARTICLES.containsAll(tokens);
    }

    private static Parsed parse(String name) {
        List<String> tokens = new ArrayList<>();
        List<Boolean> hyphenAfter = new ArrayList<>();
        if (name == null) {
            return new Parsed(tokens, hyphenAfter);
        }
        String text = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        // Upper-casing first turns œ, æ, ø into their capitals and ß into SS.
        text = text.toUpperCase(Locale.ROOT)
                .replace("Œ", "OE").replace("Æ", "AE").replace("ẞ", "SS")
                .replace("Ø", "O").replace("Ł", "L").replace("Đ", "D");
        Matcher m = SEPARATORS.matcher(text);
        int start = 0;
        while (m.find()) {
            addToken(tokens, hyphenAfter, text.substring(start, m.start()), DASH.matcher(m.group()).find());
            start = m.end();
        }
        addToken(tokens, hyphenAfter, text.substring(start), false);
        return new Parsed(tokens, hyphenAfter);
    }

    private static void addToken(List<String> tokens, List<Boolean> hyphenAfter, String token, boolean hyphen) {
        if (!token.isEmpty()) {
            tokens.add(token);
            hyphenAfter.add(hyphen);
        }
    }

    // hyphenAfter.get(i): the separator after token i held a dash.
    private record Parsed(List<String> tokens, List<Boolean> hyphenAfter) {
        String compact() {
            return String.join("", tokens);
        }
    }
}
