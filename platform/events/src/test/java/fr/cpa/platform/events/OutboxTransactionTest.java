package fr.cpa.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxTransactionTest {

    @Inject
    TestWork work;

    @Inject
    Outbox outbox;

    @Inject
    TestSql sql;

    @Test
    void anEventCommitsWithTheChangeThatCausedIt() {
        OrderPlacedTestEvent event = newOrder();
        EventEnvelope envelope = work.placeOrder(event, false, new AtomicReference<>());

        assertEquals(1, orders(event));
        List<List<Object>> rows = sql.rows("""
                SELECT topic, key, type, version, headers->>'cpa-event-id', payload::text, published_at IS NULL
                  FROM platform_outbox_event WHERE event_id = ?""", envelope.id());
        assertEquals(1, rows.size());
        List<Object> row = rows.get(0);
        assertEquals(List.of(TestWork.TOPIC, event.holderId(), "OrderPlacedTestEvent", 1, envelope.id().toString()),
                row.subList(0, 5));
        assertEquals(envelope, EventEnvelope.fromJson((String) row.get(5)));
    }

    @Test
    void anEventRollsBackWithTheChangeThatCausedIt() {
        OrderPlacedTestEvent event = newOrder();
        AtomicReference<EventEnvelope> appended = new AtomicReference<>();

        assertThrows(IllegalStateException.class, () -> work.placeOrder(event, true, appended));

        // Both were written and flushed before the failure: the rollback undid both.
        assertEquals(event.reference(), appended.get().payloadAs(OrderPlacedTestEvent.class).reference());
        assertEquals(0, orders(event));
        assertEquals(0, sql.number("SELECT count(*) FROM platform_outbox_event WHERE event_id = ?",
                appended.get().id()));
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        OrderPlacedTestEvent event = newOrder();
        assertThrows(TransactionalException.class, () -> outbox.append(TestWork.TOPIC, event));
        assertEquals(0, sql.number(
                "SELECT count(*) FROM platform_outbox_event WHERE payload->'payload'->>'reference' = ?",
                event.reference()));
    }

    @Test
    void aBulkAppendWritesEveryEventInListOrder() {
        OrderPlacedTestEvent first = newOrder();
        OrderPlacedTestEvent second = newOrder();
        OrderPlacedTestEvent third = new OrderPlacedTestEvent(first.holderId(), "order-" + UUID.randomUUID(), 1,
                LocalDate.of(2026, 10, 6), List.of());
        List<EventEnvelope> envelopes = QuarkusTransaction.requiringNew()
                .call(() -> outbox.appendAll(TestWork.TOPIC, List.of(first, second, third)));

        List<List<Object>> rows = sql.rows("""
                SELECT key, payload->'payload'->>'reference' FROM platform_outbox_event
                WHERE event_id IN (?, ?, ?) ORDER BY position""",
                envelopes.get(0).id(), envelopes.get(1).id(), envelopes.get(2).id());
        assertEquals(List.of(List.of(first.holderId(), first.reference()), List.of(second.holderId(), second.reference()),
                List.of(first.holderId(), third.reference())), rows);
    }

    @Test
    void aLargeBulkAppendIsCopiedInListOrder() {
        List<OrderPlacedTestEvent> events = java.util.stream.IntStream.range(0, 200).mapToObj(i -> newOrder()).toList();
        List<EventEnvelope> envelopes = QuarkusTransaction.requiringNew()
                .call(() -> outbox.appendAll(TestWork.TOPIC, events));

        List<List<Object>> rows = sql.rows("""
                SELECT payload->'payload'->>'reference', headers->>'cpa-event-id' FROM platform_outbox_event
                WHERE event_id = ANY(?::uuid[]) ORDER BY position""",
                envelopes.stream().map(e -> e.id().toString()).collect(java.util.stream.Collectors.joining(",", "{", "}")));
        assertEquals(events.stream().map(OrderPlacedTestEvent::reference).toList(),
                rows.stream().map(r -> r.get(0)).toList());
        assertEquals(envelopes.stream().map(e -> e.id().toString()).toList(), rows.stream().map(r -> r.get(1)).toList());
    }

    private long orders(OrderPlacedTestEvent event) {
        return sql.number("SELECT count(*) FROM platform_events_test_order WHERE reference = ?", event.reference());
    }

    private static OrderPlacedTestEvent newOrder() {
        return new OrderPlacedTestEvent("holder-" + UUID.randomUUID(), "order-" + UUID.randomUUID(), 42_00,
                LocalDate.of(2026, 10, 5), List.of());
    }
}
