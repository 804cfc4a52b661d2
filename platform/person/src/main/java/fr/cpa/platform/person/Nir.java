package fr.cpa.platform.person;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's NIR (numéro d'inscription au répertoire, the social security number): 13 characters — sex, year and
 * month of birth, department (2A/2B for Corsica), commune, order — and a 2-digit key. Temporary numbers (NIA,
 * starting with 7 or 8) are accepted and flagged. A NIR never appears in a log, an event or an error:
 * {@link #toString()} hides it.
 */
public final class Nir {

    /** Why a text is not a NIR; the reason is safe to show, the text never is. */
    public enum Problem {
        FORMAT("must be 13 characters and a 2-digit key: digits, or 2A/2B for a Corsican department"),
        SEX("must start with 1 or 2 (7 or 8 for a temporary number)"),
        MONTH("has no valid month of birth"),
        KEY("has a key that does not match the number");

        private final String reason;

        Problem(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Thrown by {@link #parse}: says which rule failed, never the value. */
    public static final class InvalidNirException extends IllegalArgumentException {
        private final Problem problem;

        InvalidNirException(Problem problem) {
            super("NIR " + problem.reason());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    // sex, year, month, department (2 digits or 2A/2B), commune and order (6 digits), key
    private static final Pattern SHAPE = Pattern.compile("([1-8])(\\d{2})(\\d{2})(\\d{2}|2[AB])(\\d{6})(\\d{2})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private final String number;
    private final int key;

    private Nir(String number, int key) {
        this.number = number;
        this.key = key;
    }

    /**
     * Reads a NIR as people type it (spaces, dots or hyphens between groups, lower-case a/b for Corsica) and checks
     * its shape, month and key.
     */
    public static Nir parse(String text) {
        if (text == null) {
            throw new InvalidNirException(Problem.FORMAT);
        }
        String compact = SEPARATORS.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
        Matcher m = SHAPE.matcher(compact);
        if (!m.matches()) {
            throw new InvalidNirException(Problem.FORMAT);
        }
        char sex = m.group(1).charAt(0);
        if (sex != '1' && sex != '2' && sex != '7' && sex != '8') {
            throw new InvalidNirException(Problem.SEX);
        }
        int month = Integer.parseInt(m.group(3));
        // 01–12; 20 and 30–42 and 50–99 are given to people whose month of birth is unknown.
        if (month == 0 || (month > 12 && month != 20 && (month < 30 || month > 42) && month < 50)) {
            throw new InvalidNirException(Problem.MONTH);
        }
        String number = compact.substring(0, 13);
        int key = Integer.parseInt(m.group(6));
        if (key != keyOf(number)) {
            throw new InvalidNirException(Problem.KEY);
        }
        return new Nir(number, key);
    }

    /**
     * The key of a 13-character number: 97 − (number mod 97), reading 2A as 19 and 2B as 18. Public so that tests
     * and demo data of every service can make valid NIRs.
     */
    public static int keyOf(String number) {
        String digits = number.replace("2A", "19").replace("2B", "18");
        return 97 - new BigInteger(digits).mod(NINETY_SEVEN).intValue();
    }

    /** A temporary number (NIA), given while the person's registration is being established. */
    public boolean temporary() {
        return number.charAt(0) == '7' || number.charAt(0) == '8';
    }

    /** The month of birth the number carries, if it carries one. */
    public Optional<Integer> birthMonth() {
        int month = Integer.parseInt(number.substring(3, 5));
        return month >= 1 && month <= 12 ? Optional.of(month) : Optional.empty();
    }

    /** The sex the number carries: 1 (7 for a temporary number) is male, 2 (8) is female. */
    public Gender gender() {
        char sex = number.charAt(0);
        return sex == '1' || sex == '7' ? Gender.MALE : Gender.FEMALE;
    }

    /**
     * Where the number says the person was born: characters 6 to 10, read as described in {@link NirBirthPlace}.
     * A temporary number's place is always unknown: it is not established yet.
     */
    public NirBirthPlace birthPlace() {
        if (temporary()) {
            return NirBirthPlace.UNKNOWN;
        }
        String code = number.substring(5, 10);
        String department = code.substring(0, 2);
        if (department.equals("99")) {
            // 99100 is France itself and below it no country is numbered: nothing to compare with.
            return Integer.parseInt(code.substring(2)) > 100 ? new NirBirthPlace.Abroad(code) : NirBirthPlace.UNKNOWN;
        }
        if (department.equals("97") || department.equals("98")) {
            return code.endsWith("00") ? NirBirthPlace.UNKNOWN : new NirBirthPlace.InFrance(code);
        }
        // 2A/2B, and 01–95 (20 is Corsica before 1976); 00 and 96 are no department today.
        boolean known = department.equals("2A") || department.equals("2B")
                || (Integer.parseInt(department) >= 1 && Integer.parseInt(department) <= 95);
        return known && !code.endsWith("000") ? new NirBirthPlace.InFrance(code) : NirBirthPlace.UNKNOWN;
    }

    /** True when the birth date agrees with the year (and the month, when known) the number carries. */
    public boolean consistentWith(LocalDate birthDate) {
        int year = Integer.parseInt(number.substring(1, 3));
        return birthDate.getYear() % 100 == year
                && birthMonth().map(month -> month == birthDate.getMonthValue()).orElse(true);
    }

    /** The 15 characters, for the few places allowed to hold them (encrypted storage, the person key). */
    public String value() {
        return number + String.format("%02d", key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nir nir && nir.number.equals(number);
    }

    @Override
    public int hashCode() {
        return number.hashCode();
    }

    /** Never the number: a NIR that reaches a log line by accident shows nothing. */
    @Override
    public String toString() {
        return "Nir[***]";
    }
}
