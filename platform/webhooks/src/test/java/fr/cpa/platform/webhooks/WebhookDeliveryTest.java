package fr.cpa.platform.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.WebhookReceiver;
import fr.cpa.platform.webhooks.WebhookDeliveries.Delivery;
import fr.cpa.platform.webhooks.WebhookSubscriptions.Created;

/**
 * Deliveries against the local PostgreSQL and real HTTP receivers on the loopback, the dispatcher running every
 * second with pauses of 1 s, 1 s, then 2 s.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final Duration SOON = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestWork work;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    WebhookPurge purge;

    @Inject
    WebhookRows rows;

    private final String owner = "owner-" + UUID.randomUUID();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void endSubscriptionsAndReceivers() {
        // Left active, their deliveries would be tried against ports a later test may listen on.
        subscriptions.list(owner).forEach(s -> subscriptions.deactivate(owner, s.id()));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aDeliveryIsSignedWithTheSecretShownAtCreation() throws Exception {
        WebhookReceiver receiver = receiver();
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        assertTrue(created.secret().startsWith("whsec_"), "shown as whsec_...");
        assertEquals(32, Base64.getDecoder().decode(created.secret().substring(6)).length);
        String eventId = eventId();

        assertEquals(1, work.enqueue(owner, TestEventTypes.PLACED, eventId, "{\"orderId\":\"A-1\",\"amount\":1250}"));

        WebhookReceiver.Received received = receiver.await(eventId, SOON);
        assertEquals("application/json", received.contentType());
        long timestamp = Long.parseLong(received.timestamp());
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 30, "the attempt's time: " + timestamp);
        // What a receiver does: HMAC-SHA256 of id.timestamp.body under the secret's bytes, compared with v1,...
        assertEquals("v1," + hmac(created.secret(), eventId + "." + timestamp + "." + received.body()),
                received.signature());
        JsonNode body = JSON.readTree(received.body());
        assertEquals(TestEventTypes.PLACED, body.get("type").asText());
        assertNotNull(Instant.parse(body.get("timestamp").asText()));
        assertEquals("A-1", body.at("/data/orderId").asText());
        assertEquals(1250, body.at("/data/amount").asInt());

        UUID subscription = created.subscription().id();
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.deliveries(subscription).get(0).status()));
        Delivery delivery = deliveries.page(owner, subscription, 0, 10).orElseThrow().items().get(0);
        assertEquals(eventId, delivery.eventId());
        assertEquals(1, delivery.attempts());
        assertNull(delivery.nextAttemptAt());
        assertEquals(1, delivery.log().size());
        assertEquals(200, delivery.log().get(0).statusCode());
        assertNull(delivery.log().get(0).error());
        assertNull(delivery.log().get(0).responseExcerpt(), "a success's answer is not kept");
    }

    @Test
    void aReceiverAnswering500IsTriedAgainAndDeliveredOnce() {
        WebhookReceiver receiver = receiver().answer(500).failingWith("x".repeat(1000) + " stack trace of the receiver");
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        String eventId = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, eventId, "{\"orderId\":\"A-2\"}");

        List<WebhookReceiver.Received> both = receiver.awaitCount(eventId, 2, SOON);
        assertEquals(both.get(0).body(), both.get(1).body(), "the same body, signed again at its own time");
        UUID subscription = created.subscription().id();
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.deliveries(subscription).get(0).status()));
        sleep(Duration.ofSeconds(3));
        assertEquals(2, receiver.receivedWithId(eventId).size(), "delivered once, then no more attempts");

        Delivery delivery = deliveries.page(owner, subscription, 0, 10).orElseThrow().items().get(0);
        assertEquals("DELIVERED", delivery.status());
        assertEquals(2, delivery.attempts());
        assertEquals(List.of(500, 200), delivery.log().stream().map(WebhookDeliveries.Attempt::statusCode).toList());
        String excerpt = delivery.log().get(0).responseExcerpt();
        assertEquals(200, excerpt.length(), "at most 200 characters of the answer are kept");
        assertTrue(excerpt.chars().allMatch(c -> c == 'x'), excerpt);
    }

    @Test
    void aReceiverThatIsDownThenUpLosesNothing() {
        int port = WebhookReceiver.freePort();
        Created created = subscribe(WebhookReceiver.url(port), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        List<String> events = List.of(eventId(), eventId(), eventId());
        for (String eventId : events) {
            work.enqueue(owner, TestEventTypes.PLACED, eventId, "{\"n\":1}");
        }
        // Nothing listens: each delivery fails to connect, at least twice.
        await().atMost(SOON).until(() -> rows.deliveries(subscription).stream().allMatch(r -> r.attempts() >= 2));
        Delivery failing = deliveries.page(owner, subscription, 0, 10).orElseThrow().items().get(0);
        assertEquals("PENDING", failing.status());
        assertNotNull(failing.nextAttemptAt());
        assertTrue(failing.log().stream().allMatch(a -> a.statusCode() == null && a.error() != null),
                failing.log().toString());

        WebhookReceiver receiver = receiver(port);
        for (String eventId : events) {
            receiver.await(eventId, SOON);
        }
        await().atMost(SOON).until(() -> rows.deliveries(subscription).stream()
                .allMatch(r -> "DELIVERED".equals(r.status())));
        for (String eventId : events) {
            assertEquals(1, receiver.receivedWithId(eventId).size());
        }
    }

    @Test
    void aReceiverSlowerThanTheRequestTimeoutIsTriedAgain() {
        // The tests' request timeout is 2 s.
        WebhookReceiver receiver = receiver().slow(Duration.ofSeconds(4));
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        work.enqueue(owner, TestEventTypes.PLACED, eventId(), "{}");
        await().atMost(SOON).until(() -> rows.deliveries(subscription).get(0).attempts() >= 1);
        receiver.slow(Duration.ZERO);
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.deliveries(subscription).get(0).status()));
        WebhookDeliveries.Attempt first = deliveries.page(owner, subscription, 0, 1).orElseThrow().items().get(0)
                .log().get(0);
        assertNull(first.statusCode());
        assertEquals("HttpTimeoutException", first.error());
        assertTrue(first.durationMs() >= 1900 && first.durationMs() < 4000, "cut at the timeout: " + first);
    }

    @Test
    void aReplayIsSentAgainUnderTheSameWebhookId() throws Exception {
        WebhookReceiver receiver = receiver();
        Created created = subscribe(receiver.url(), TestEventTypes.CANCELLED);
        UUID subscription = created.subscription().id();
        String eventId = eventId();
        work.enqueue(owner, TestEventTypes.CANCELLED, eventId, "{\"orderId\":\"A-3\"}");
        WebhookReceiver.Received first = receiver.await(eventId, SOON);
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.deliveries(subscription).get(0).status()));
        UUID original = rows.deliveries(subscription).get(0).id();

        Delivery replay = deliveries.replay(owner, subscription, original).orElseThrow();
        assertEquals(eventId, replay.eventId());
        assertEquals(original, replay.replayOf());
        assertEquals("PENDING", replay.status());

        WebhookReceiver.Received again = receiver.awaitCount(eventId, 2, SOON).get(1);
        assertEquals(first.body(), again.body());
        assertEquals("v1," + hmac(created.secret(), eventId + "." + again.timestamp() + "." + again.body()),
                again.signature());
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.delivery(replay.id()).status()));
        WebhookDeliveries.DeliveryPage page = deliveries.page(owner, subscription, 0, 10).orElseThrow();
        assertEquals(2, page.total());
        // Newest first: the replay, then the original, each with its own attempt.
        assertEquals(List.of(replay.id(), original), page.items().stream().map(Delivery::id).toList());
        assertTrue(page.items().stream().allMatch(d -> d.log().size() == 1));

        // Another owner, or another subscription's delivery: nothing.
        assertTrue(deliveries.replay("someone-else", subscription, original).isEmpty());
        assertTrue(deliveries.replay(owner, subscription, UUID.randomUUID()).isEmpty());
        assertTrue(deliveries.page("someone-else", subscription, 0, 10).isEmpty());
    }

    @Test
    void queueingOutsideATransactionIsRefused() {
        subscribe(WebhookReceiver.url(WebhookReceiver.freePort()), TestEventTypes.PLACED);
        String eventId = eventId();
        assertThrows(TransactionalException.class,
                () -> webhooks.enqueue(owner, TestEventTypes.PLACED, eventId, "{}"));
        assertTrue(rows.withEventId(eventId).isEmpty());
    }

    @Test
    void aRolledBackTransactionQueuesNothing() {
        WebhookReceiver receiver = receiver();
        subscribe(receiver.url(), TestEventTypes.PLACED);
        String rolledBack = eventId();
        assertThrows(IllegalStateException.class,
                () -> work.enqueueThenFail(owner, TestEventTypes.PLACED, rolledBack, "{}"));
        assertTrue(rows.withEventId(rolledBack).isEmpty());

        // Queued after it: once this one is received, the dispatcher has gone past where the other would have been.
        String committed = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, committed, "{}");
        receiver.await(committed, SOON);
        assertTrue(receiver.receivedWithId(rolledBack).isEmpty());
    }

    @Test
    void anEventQueuedTwiceIsDeliveredOnce() {
        WebhookReceiver receiver = receiver();
        subscribe(receiver.url(), TestEventTypes.PLACED);
        String eventId = eventId();
        assertEquals(1, work.enqueue(owner, TestEventTypes.PLACED, eventId, "{\"try\":1}"));
        // Redelivered domain event: another transaction, the same id.
        assertEquals(0, work.enqueue(owner, TestEventTypes.PLACED, eventId, "{\"try\":2}"));
        String twiceInOne = eventId();
        assertEquals(1, work.enqueueTwice(owner, TestEventTypes.PLACED, twiceInOne, "{}"));
        assertEquals(1, rows.withEventId(eventId).size());
        assertEquals(1, rows.withEventId(twiceInOne).size());

        assertTrue(receiver.await(eventId, SOON).body().contains("\"try\":1"));
        receiver.await(twiceInOne, SOON);
        sleep(Duration.ofSeconds(2));
        assertEquals(1, receiver.receivedWithId(eventId).size());
        assertEquals(1, receiver.receivedWithId(twiceInOne).size());
    }

    @Test
    void onlyTheOwnersActiveSubscriptionsToTheTypeGetTheEvent() {
        WebhookReceiver receiver = receiver();
        Created placed = subscribe(receiver.url(), TestEventTypes.PLACED, TestEventTypes.REFUNDED);
        Created cancelled = subscribe(receiver.url(), TestEventTypes.CANCELLED);
        Created ended = subscribe(receiver.url(), TestEventTypes.PLACED);
        assertTrue(subscriptions.deactivate(owner, ended.subscription().id()));
        String other = "owner-" + UUID.randomUUID();
        Created othersOwn = subscriptions.create(other, receiver.url(), List.of(TestEventTypes.PLACED), null, null);
        try {
            String eventId = eventId();
            assertEquals(1, work.enqueue(owner, TestEventTypes.PLACED, eventId, "{}"));
            assertEquals(1, rows.withEventId(eventId).size());
            assertEquals(1, rows.deliveries(placed.subscription().id()).size());
            assertTrue(rows.deliveries(cancelled.subscription().id()).isEmpty());
            assertTrue(rows.deliveries(ended.subscription().id()).isEmpty());
            assertTrue(rows.deliveries(othersOwn.subscription().id()).isEmpty());
            // An event of the owner with no subscription to it: nothing, and no error.
            assertEquals(0, work.enqueue("owner-" + UUID.randomUUID(), TestEventTypes.PLACED, eventId(), "{}"));
        } finally {
            subscriptions.deactivate(other, othersOwn.subscription().id());
        }
    }

    @Test
    void unknownTypesAndBadPayloadsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> work.enqueue(owner, "order.unknown", eventId(), "{}"));
        assertThrows(IllegalArgumentException.class, () -> work.enqueue(owner, TestEventTypes.PLACED, eventId(),
                "[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> work.enqueue(owner, TestEventTypes.PLACED, eventId(),
                "{not json"));
        assertThrows(IllegalArgumentException.class, () -> work.enqueue(owner, TestEventTypes.PLACED, "has.dot",
                "{}"));
    }

    @Test
    void aDeliveryNotThroughADayAfterItsFirstAttemptFails() {
        WebhookReceiver receiver = receiver().answer(500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        String eventId = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, eventId, "{}");
        await().atMost(SOON).until(() -> rows.deliveries(subscription).get(0).attempts() >= 1);
        // As if the first attempt had been 25 hours ago.
        rows.update("UPDATE platform_webhook_delivery SET first_attempt_at = now() - interval '25 hours' "
                + "WHERE subscription_id = ?", subscription);

        await().atMost(SOON).until(() -> "FAILED".equals(rows.deliveries(subscription).get(0).status()));
        int attempts = rows.deliveries(subscription).get(0).attempts();
        sleep(Duration.ofSeconds(3));
        assertEquals(attempts, rows.deliveries(subscription).get(0).attempts(), "no attempt after it failed");
        assertEquals(attempts, receiver.receivedWithId(eventId).size());
        assertNotNull(deliveries.page(owner, subscription, 0, 1).orElseThrow().items().get(0).endedAt());
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() throws Exception {
        WebhookReceiver receiver = receiver();
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        WebhookSubscriptions.Rotated rotated = subscriptions.rotateSecret(owner, subscription).orElseThrow();
        assertFalse(rotated.secret().equals(created.secret()));
        assertTrue(rotated.previousSecretValidUntil().isAfter(Instant.now().plus(Duration.ofHours(23))));

        String eventId = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, eventId, "{}");
        WebhookReceiver.Received received = receiver.await(eventId, SOON);
        String content = eventId + "." + received.timestamp() + "." + received.body();
        assertEquals("v1," + hmac(rotated.secret(), content) + " v1," + hmac(created.secret(), content),
                received.signature());

        // Once the overlap is over, the new secret alone.
        rows.update("UPDATE platform_webhook_subscription SET previous_secret_until = now() - interval '1 second' "
                + "WHERE id = ?", subscription);
        String later = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, later, "{}");
        WebhookReceiver.Received alone = receiver.await(later, SOON);
        assertEquals("v1," + hmac(rotated.secret(), later + "." + alone.timestamp() + "." + alone.body()),
                alone.signature());
        assertTrue(subscriptions.rotateSecret("someone-else", subscription).isEmpty());
    }

    @Test
    void secretsAreNotInTheTablesInClear() {
        WebhookReceiver receiver = receiver();
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        String eventId = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, eventId, "{}");
        receiver.await(eventId, SOON);
        await().atMost(SOON).until(() -> "DELIVERED".equals(rows.deliveries(subscription).get(0).status()));

        byte[] raw = WebhookSignature.secretBytes(created.secret());
        byte[] stored = rows.bytes("SELECT secret FROM platform_webhook_subscription WHERE id = ?", subscription);
        assertEquals(1 + 12 + 32 + 16, stored.length, "key version, nonce, sealed secret and tag");
        assertFalse(contains(stored, raw), "the raw secret is not in the column");
        String everything = rows.everything();
        assertFalse(everything.contains(created.secret().substring(6)), "nor its base64 in any row");
        assertFalse(everything.contains(hex(raw)), "nor its hex");

        // Ended: the sealed secrets are erased too.
        assertTrue(subscriptions.deactivate(owner, subscription));
        assertNull(rows.bytes("SELECT secret FROM platform_webhook_subscription WHERE id = ?", subscription));
    }

    @Test
    void deactivatingCancelsWhatIsPending() {
        Created created = subscribe(WebhookReceiver.url(WebhookReceiver.freePort()), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        work.enqueue(owner, TestEventTypes.PLACED, eventId(), "{}");
        assertTrue(subscriptions.deactivate(owner, subscription));
        assertEquals("CANCELLED", rows.deliveries(subscription).get(0).status());
        assertFalse(subscriptions.deactivate(owner, subscription), "already ended");
        assertTrue(subscriptions.get(owner, subscription).isEmpty());
        assertTrue(deliveries.page(owner, subscription, 0, 10).isEmpty());
    }

    @Test
    void endedDeliveriesArePurgedAfterTheirRetention() {
        WebhookReceiver receiver = receiver();
        Created created = subscribe(receiver.url(), TestEventTypes.PLACED);
        UUID subscription = created.subscription().id();
        String old = eventId();
        String recent = eventId();
        work.enqueue(owner, TestEventTypes.PLACED, old, "{}");
        work.enqueue(owner, TestEventTypes.PLACED, recent, "{}");
        await().atMost(SOON).until(() -> rows.deliveries(subscription).stream()
                .allMatch(r -> "DELIVERED".equals(r.status())));
        UUID oldId = rows.withEventId(old).get(0).id();
        rows.update("UPDATE platform_webhook_delivery SET ended_at = now() - interval '31 days' WHERE id = ?", oldId);

        assertTrue(purge.purge() >= 1);
        assertTrue(rows.withEventId(old).isEmpty());
        assertEquals(0, rows.number("SELECT count(*) FROM platform_webhook_attempt WHERE delivery_id = ?", oldId));
        assertEquals(1, rows.withEventId(recent).size());
    }

    private Created subscribe(String url, String... types) {
        return subscriptions.create(owner, url, Set.of(types), null, null);
    }

    private WebhookReceiver receiver() {
        return receiver(0);
    }

    private WebhookReceiver receiver(int port) {
        WebhookReceiver receiver = WebhookReceiver.start(port);
        receivers.add(receiver);
        return receiver;
    }

    static String eventId() {
        return "evt_" + UUID.randomUUID();
    }

    static String hmac(String shownSecret, String content) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(shownSecret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
