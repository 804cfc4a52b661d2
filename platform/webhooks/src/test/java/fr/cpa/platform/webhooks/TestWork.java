package fr.cpa.platform.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Transactions shaped like a service's: a change and its webhooks, committed or rolled back together. */
@ApplicationScoped
public class TestWork {

    private final Webhooks webhooks;

    TestWork(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Transactional
    public int enqueue(String owner, String type, String eventId, String payload) {
        return webhooks.enqueue(owner, type, eventId, payload);
    }

    /** The same event twice in one transaction, as a step observed twice would. */
    @Transactional
    public int enqueueTwice(String owner, String type, String eventId, String payload) {
        return webhooks.enqueue(owner, type, eventId, payload) + webhooks.enqueue(owner, type, eventId, payload);
    }

    /** Queues the event, then fails: the transaction rolls back. */
    @Transactional
    public void enqueueThenFail(String owner, String type, String eventId, String payload) {
        webhooks.enqueue(owner, type, eventId, payload);
        throw new IllegalStateException("the business rule refused the change");
    }
}
