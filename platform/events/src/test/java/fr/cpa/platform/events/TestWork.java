package fr.cpa.platform.events;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Transactions shaped like a service's: a business change and its event, committed or rolled back together. */
@ApplicationScoped
public class TestWork {

    static final String TOPIC = "cpa.platform.test";

    private final Outbox outbox;

    TestWork(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Persists an order and appends its event; with {@code fail}, throws once both are written. */
    @Transactional
    public EventEnvelope placeOrder(OrderPlacedTestEvent event, boolean fail, AtomicReference<EventEnvelope> appended) {
        TestOrder order = new TestOrder();
        order.reference = event.reference();
        order.persistAndFlush();
        appended.set(outbox.append(TOPIC, event));
        if (fail) {
            throw new IllegalStateException("the business rule refused the order");
        }
        return appended.get();
    }

    @Transactional
    public EventEnvelope append(DomainEvent event) {
        return outbox.append(TOPIC, event);
    }
}
