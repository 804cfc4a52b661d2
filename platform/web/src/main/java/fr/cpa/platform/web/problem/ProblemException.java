package fr.cpa.platform.web.problem;

import java.time.Duration;
import java.util.List;

/**
 * A domain error a service throws from a resource (an unknown object, a conflict, a rule's refusal...), answered
 * as a problem of its type. The detail is shown to the client: it must not quote client input nor a NIR.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type) {
        this(type, type.detail(), List.of(), null);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Throwable cause) {
        this(type, detail, errors, cause, null);
    }

    /** For 429 and 503: the client may retry after {@code retryAfter}, sent as the Retry-After header. */
    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, List.of(), null, retryAfter);
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors, Throwable cause,
            Duration retryAfter) {
        super(type.slug() + ": " + detail, cause);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** When the client may retry (header Retry-After); null when the problem says nothing of it. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
