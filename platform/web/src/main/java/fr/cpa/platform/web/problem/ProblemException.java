package fr.cpa.platform.web.problem;

import java.util.List;

/**
 * A domain error a service throws from a resource (an unknown object, a conflict, a rule's refusal...), answered
 * as a problem of its type. The detail is shown to the client: it must not quote client input nor a NIR.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<FieldError> errors;

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
        super(type.slug() + ": " + detail, cause);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
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
}
