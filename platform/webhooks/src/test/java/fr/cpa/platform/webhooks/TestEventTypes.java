package fr.cpa.platform.webhooks;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** How a service declares its event types; two beans, as a service with two modules might. */
@Singleton
public class TestEventTypes {

    static final String PLACED = "order.placed";
    static final String CANCELLED = "order.cancelled";
    static final String REFUNDED = "order-refund.issued";

    @Produces
    @Singleton
    WebhookEventTypes orders() {
        return WebhookEventTypes.of(PLACED, CANCELLED);
    }

    @Produces
    @Singleton
    WebhookEventTypes refunds() {
        return WebhookEventTypes.of(REFUNDED);
    }
}
