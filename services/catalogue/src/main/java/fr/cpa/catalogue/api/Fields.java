package fr.cpa.catalogue.api;

import java.util.List;

import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** Checks of the fields of a request, each adding the reason a field is refused; reasons never quote the value. */
final class Fields {

    private Fields() {
    }

    static void text(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            optionalText(field, value, max, errors);
        }
    }

    static void optionalText(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static void postcode(String field, String value, List<FieldError> errors) {
        if (value == null || !value.matches("\\d{5}")) {
            errors.add(new FieldError(field, "must be a postcode of 5 digits"));
        }
    }

    static void range(String field, Number value, long min, long max, String unit, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.longValue() < min || value.longValue() > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max + " " + unit));
        }
    }

    static void throwIfAny(String detail, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, detail, errors);
        }
    }
}
