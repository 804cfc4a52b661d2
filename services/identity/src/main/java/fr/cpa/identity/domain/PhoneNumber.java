package fr.cpa.identity.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers as people type them, stored in E.164 (+33612345678). */
public final class PhoneNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
    // A French national number: 0 then 9 digits, the first of them 1 to 9.
    private static final Pattern FRENCH = Pattern.compile("0([1-9]\\d{8})");
    // E.164: + then a country code and subscriber number, 8 to 15 digits in all.
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+([1-9]\\d{7,14})");

    private PhoneNumber() {
    }

    /** The E.164 form, or empty when the text is not a phone number in French or international form. */
    public static Optional<String> toE164(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(typed.trim()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        var french = FRENCH.matcher(compact);
        if (french.matches()) {
            return Optional.of("+33" + french.group(1));
        }
        var international = INTERNATIONAL.matcher(compact);
        if (international.matches()) {
            // +33 0612... is a common mistake: the trunk 0 is dropped after the country code.
            String digits = international.group(1);
            return Optional.of("+" + (digits.startsWith("330") ? "33" + digits.substring(3) : digits));
        }
        return Optional.empty();
    }
}
