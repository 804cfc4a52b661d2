package fr.cpa.identity.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password rules of the registration pages (seeds 001 and 003): at least 8 characters of which 5 letters and
 * 3 digits, an upper- and a lower-case letter — which makes 3 of the 4 character categories —, and neither the
 * username (the NIR) nor the e-mail address. Keycloak's realm policy enforces the same rules; checking them here
 * first lets registration name every rule a password breaks, where Keycloak names only the first.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final int MIN_LETTERS = 5;
    public static final int MIN_DIGITS = 3;

    private PasswordPolicy() {
    }

    /** Every rule the password breaks, in words for the person registering; empty when it is acceptable. */
    public static List<String> violations(String password, String nir, String email) {
        List<String> reasons = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            reasons.add("must not be empty");
            return reasons;
        }
        int letters = 0;
        int digits = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
            } else if (Character.isDigit(c)) {
                digits++;
            }
        }
        if (password.length() < MIN_LENGTH) {
            reasons.add("must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            reasons.add("must have at most " + MAX_LENGTH + " characters");
        }
        if (letters < MIN_LETTERS) {
            reasons.add("must contain at least " + MIN_LETTERS + " letters");
        }
        if (digits < MIN_DIGITS) {
            reasons.add("must contain at least " + MIN_DIGITS + " digits");
        }
        if (!upper) {
            reasons.add("must contain an upper-case letter");
        }
        if (!lower) {
            reasons.add("must contain a lower-case letter");
        }
        if (nir != null && !nir.isBlank() && password.contains(nir.replaceAll("\\s", ""))) {
            reasons.add("must not contain your social security number");
        }
        if (email != null && !email.isBlank() && password.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            reasons.add("must not be your e-mail address");
        }
        return reasons;
    }
}
