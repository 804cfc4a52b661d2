package fr.cpa.identity.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.cpa.platform.web.problem.FieldError;

/** Checks and normal forms of the fields a holder types, shared by registration and profile edits. */
public final class HolderFields {

    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    // Letters of any alphabet, with spaces, hyphens and apostrophes between them, as civil-status names are written.
    private static final Pattern NAME = Pattern.compile("\\p{L}+(?:[ '’\\-]+\\p{L}+)*\\.?");
    // Deliberately loose: the validation link proves the address; this only catches typing mistakes.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+");

    private HolderFields() {
    }

    /** Adds an error for a required name that is missing or malformed; returns the trimmed name. */
    public static String name(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String trimmed = value.trim().replaceAll("\\s+", " ");
        if (trimmed.length() > NAME_MAX) {
            errors.add(new FieldError(field, "must have at most " + NAME_MAX + " characters"));
        } else if (!NAME.matcher(trimmed).matches()) {
            errors.add(new FieldError(field, "must be letters, with spaces, hyphens or apostrophes between them"));
        }
        return trimmed;
    }

    /** The normal form of an address: trimmed, lower case (addresses are compared without case). */
    public static String normalEmail(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** The address in its normal form, or null with an error. */
    public static String email(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String normal = normalEmail(value);
        if (normal.length() > EMAIL_MAX || !EMAIL.matcher(normal).matches()) {
            errors.add(new FieldError(field, "must be an e-mail address such as prenom.nom@exemple.fr"));
            return null;
        }
        return normal;
    }

    /**
     * The address of {@code email} in its normal form when it is valid and {@code emailConfirmation} (typed twice)
     * is the same address; null with the errors otherwise.
     */
    public static String confirmedEmail(String email, String confirmation, List<FieldError> errors) {
        String normal = email("email", email, errors);
        if (normal != null && (confirmation == null || !normal.equals(normalEmail(confirmation)))) {
            errors.add(new FieldError("emailConfirmation", "must be the same address as email"));
        }
        return normal;
    }

    /** An optional phone number in E.164, or null; an error when something unreadable was typed. */
    public static String phone(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<String> e164 = PhoneNumber.toE164(value);
        if (e164.isEmpty()) {
            errors.add(new FieldError(field, "must be a French number (06 12 34 56 78) or international (+33 6 12 34 56 78)"));
            return null;
        }
        return e164.get();
    }
}
