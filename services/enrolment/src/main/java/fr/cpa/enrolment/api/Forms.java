package fr.cpa.enrolment.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.cpa.enrolment.domain.ApplicationChoices;
import fr.cpa.enrolment.domain.ApplicationChoices.TopUpAsk;
import fr.cpa.enrolment.domain.WorkingTime;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.OrganisationSteps.PartialReason;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** The request bodies and query values of the enrolment API, checked whole: every field at fault in one 400. */
final class Forms {

    /** Above any training's price (the catalogue's own limit): a typing error, not a request. */
    static final long MAX_CENTS = 10_000_000;
    static final int MAX_TEXT = 1000;
    static final int MAX_TOP_UP_REQUESTS = 5;
    private static final long MAX_HOURS = 5000;
    private static final long MINUTES_PER_HOUR = 60;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,63}");

    private Forms() {
    }

    record RightsForm(Boolean cpf, Boolean cec, Integer cppPoints) {
    }

    /** @param funder a funder's client id; or {@code employer: true} for the holder's employer */
    record TopUpAskForm(String funder, Boolean employer, Long amount, String message) {
    }

    record NewApplication(UUID offerId, UUID sessionId, String workingTime, RightsForm rights,
            List<TopUpAskForm> topUpRequests) {
    }

    record Cancellation(String reason, Boolean forceMajeure) {
    }

    record Refusal(String reason) {
    }

    record ProposalForm(java.time.LocalDate startsOn, java.time.LocalDate endsOn, Long priceCents, String message) {
    }

    record NoShow(Boolean forceMajeure, String reason) {
    }

    /** @param attendedHours hours attended, at most two decimals */
    record CompletionForm(BigDecimal attendedHours, String partialReason) {
    }

    record Decision(Boolean authorised, String reason) {
    }

    record Contact(String email) {
    }

    /** The holder's choices, or a 400 naming every field at fault. */
    static ApplicationChoices choices(String workingTime, RightsForm rights, List<TopUpAskForm> asks,
            List<FieldError> errors) {
        WorkingTime time = enumOf(WorkingTime.class, workingTime, "workingTime", errors);
        boolean cpf = false;
        boolean cec = false;
        int points = 0;
        if (rights == null) {
            errors.add(new FieldError("rights", "is required"));
        } else {
            cpf = Boolean.TRUE.equals(rights.cpf());
            cec = Boolean.TRUE.equals(rights.cec());
            if (rights.cppPoints() != null) {
                if (rights.cppPoints() < 0 || rights.cppPoints() > 1000) {
                    errors.add(new FieldError("rights.cppPoints", "must be between 0 and 1000"));
                } else {
                    points = rights.cppPoints();
                }
            }
        }
        List<TopUpAsk> topUps = new ArrayList<>();
        List<TopUpAskForm> given = asks == null ? List.of() : asks;
        if (given.size() > MAX_TOP_UP_REQUESTS) {
            errors.add(new FieldError("topUpRequests", "at most " + MAX_TOP_UP_REQUESTS + " requests"));
        } else {
            for (int i = 0; i < given.size(); i++) {
                TopUpAsk ask = topUpAsk(given.get(i), "topUpRequests[" + i + "].", errors);
                if (ask != null) {
                    topUps.add(ask);
                }
            }
        }
        return time == null ? null : new ApplicationChoices(time, cpf, cec, points, topUps);
    }

    static TopUpAsk topUpAsk(TopUpAskForm form, String prefix, List<FieldError> errors) {
        if (form == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "is required"));
            return null;
        }
        int before = errors.size();
        boolean employer = Boolean.TRUE.equals(form.employer());
        if (employer == (form.funder() != null)) {
            errors.add(new FieldError(prefix + "funder", "name a funder's client id, or set employer to true"));
        } else if (!employer && !CLIENT_ID.matcher(form.funder()).matches()) {
            errors.add(new FieldError(prefix + "funder", "must be a funder's client id"));
        }
        if (form.amount() == null) {
            errors.add(new FieldError(prefix + "amount", "is required"));
        } else if (form.amount() <= 0 || form.amount() > MAX_CENTS) {
            errors.add(new FieldError(prefix + "amount", "must be between 1 and " + MAX_CENTS + " euro cents"));
        }
        text(prefix + "message", form.message(), false, errors);
        return errors.size() > before ? null
                : new TopUpAsk(employer ? null : form.funder(), employer, form.amount(), strip(form.message()));
    }

    /** Minutes attended from hours with at most two decimals, rounded half up to the minute. */
    static Long attendedMinutes(BigDecimal hours, List<FieldError> errors) {
        if (hours == null) {
            errors.add(new FieldError("attendedHours", "is required"));
            return null;
        }
        // The integer digits are checked before any rescaling, so a huge exponent costs nothing.
        if (hours.signum() < 0 || hours.precision() - hours.scale() > 4 || hours.scale() > 2
                || hours.compareTo(BigDecimal.valueOf(MAX_HOURS)) > 0) {
            errors.add(new FieldError("attendedHours", "must be hours from 0 to " + MAX_HOURS
                    + " with at most two decimals"));
            return null;
        }
        return hours.multiply(BigDecimal.valueOf(MINUTES_PER_HOUR)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static PartialReason partialReason(String value, List<FieldError> errors) {
        return value == null ? null : enumOf(PartialReason.class, value, "partialReason", errors);
    }

    /** The states of a listing's {@code state} filter. */
    static List<ApplicationState> states(List<String> values) {
        List<FieldError> errors = new ArrayList<>();
        List<ApplicationState> states = new ArrayList<>();
        for (String value : values) {
            ApplicationState state = enumOf(ApplicationState.class, value, "state", errors);
            if (state != null) {
                states.add(state);
            }
        }
        failIf(errors, "The filter is invalid.");
        return states;
    }

    static String email(String value, List<FieldError> errors) {
        if (value == null || value.length() > 254 || !EMAIL.matcher(value.strip()).matches()) {
            errors.add(new FieldError("email", "must be a well-formed email address"));
            return null;
        }
        return value.strip();
    }

    /** A free text: required or not, at most {@value #MAX_TEXT} characters. */
    static void text(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.strip().length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static void failIf(List<FieldError> errors, String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, detail, errors);
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
        return null;
    }
}
