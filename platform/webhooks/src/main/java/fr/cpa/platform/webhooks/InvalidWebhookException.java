package fr.cpa.platform.webhooks;

import java.util.List;

/** A subscription asked with bad values: each one named by its field as the client sent it, with why. */
public final class InvalidWebhookException extends RuntimeException {

    /** {@code field} follows the request's JSON ({@code url}, {@code eventTypes[1]}); {@code reason} never quotes it. */
    public record Violation(String field, String reason) {
    }

    private final List<Violation> violations;

    InvalidWebhookException(List<Violation> violations) {
        super("invalid webhook subscription: " + violations.stream().map(Violation::field).toList(), null, false,
                false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
