package fr.cpa.platform.webhooks;

/** A well-formed request that a rule of the library refuses. */
public final class WebhookRefusedException extends RuntimeException {

    public enum Reason {
        /** The owner already has {@code cpa.webhooks.max-subscriptions-per-owner} active subscriptions. */
        TOO_MANY_SUBSCRIPTIONS,
        /** This creation's Idempotency-Key was already used by this owner for another request. */
        IDEMPOTENCY_KEY_REUSED
    }

    private final Reason reason;

    WebhookRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
