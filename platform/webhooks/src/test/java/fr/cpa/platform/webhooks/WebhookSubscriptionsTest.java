package fr.cpa.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.webhooks.InvalidWebhookException.Violation;
import fr.cpa.platform.webhooks.WebhookSubscriptions.Created;
import fr.cpa.platform.webhooks.WebhookSubscriptions.Subscription;

/** What a service's resources call: subscriptions by owner, checked input, idempotent creation. */
@QuarkusTest
class WebhookSubscriptionsTest {

    private static final String URL = "https://partner.example/hooks/cpa?source=test";

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    WebhookRows rows;

    private final String owner = "owner-" + UUID.randomUUID();

    @AfterEach
    void endSubscriptions() {
        subscriptions.list(owner).forEach(s -> subscriptions.deactivate(owner, s.id()));
    }

    @Test
    void aSubscriptionIsFoundByItsOwnerOnlyAndNeverShowsItsSecret() {
        Created created = subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED, TestEventTypes.CANCELLED,
                TestEventTypes.PLACED), null, null);
        Subscription subscription = created.subscription();
        assertFalse(created.replayed());
        assertEquals(owner, subscription.owner());
        assertEquals(URL, subscription.url());
        assertEquals(List.of(TestEventTypes.CANCELLED, TestEventTypes.PLACED), subscription.eventTypes());
        assertTrue(subscription.active());
        // A Subscription has no secret to show: only Created and Rotated carry one.
        assertTrue(Arrays.stream(Subscription.class.getRecordComponents())
                .noneMatch(c -> c.getName().toLowerCase().contains("secret") && c.getType() == String.class));

        assertEquals(subscription, subscriptions.get(owner, subscription.id()).orElseThrow());
        assertEquals(List.of(subscription), subscriptions.list(owner));
        String other = "owner-" + UUID.randomUUID();
        assertTrue(subscriptions.get(other, subscription.id()).isEmpty());
        assertTrue(subscriptions.list(other).isEmpty());
        assertFalse(subscriptions.deactivate(other, subscription.id()));
        assertTrue(subscriptions.rotateSecret(other, subscription.id()).isEmpty());
        assertTrue(subscriptions.get(owner, subscription.id()).isPresent(), "untouched by the other owner");
    }

    @Test
    void badInputIsRefusedNamingEachField() {
        InvalidWebhookException http = assertThrows(InvalidWebhookException.class,
                () -> subscriptions.create(owner, "http://partner.example/hook", List.of(TestEventTypes.PLACED),
                        null, null));
        assertEquals(List.of(new Violation("url", "must be an https URL")), http.violations());

        InvalidWebhookException several = assertThrows(InvalidWebhookException.class,
                () -> subscriptions.create(owner, "ftp://partner.example/hook",
                        List.of(TestEventTypes.PLACED, "order.unknown"), null, null));
        assertEquals(List.of("url", "eventTypes[1]"), several.violations().stream().map(Violation::field).toList());
        assertTrue(several.violations().get(1).reason().contains(TestEventTypes.PLACED),
                "lists the choices: " + several.violations());

        assertEquals(List.of("eventTypes"), fields(() -> subscriptions.create(owner, URL, List.of(), null, null)));
        assertEquals(List.of("eventTypes"), fields(() -> subscriptions.create(owner, URL, null, null, null)));
        assertEquals(List.of("url"), fields(() -> subscriptions.create(owner, null, List.of(TestEventTypes.PLACED),
                null, null)));
        assertEquals(List.of("url"), fields(() -> subscriptions.create(owner, "https://10.1.2.3/hook",
                List.of(TestEventTypes.PLACED), null, null)));
        assertEquals(List.of("url"), fields(() -> subscriptions.create(owner, "https://user:pw@partner.example/",
                List.of(TestEventTypes.PLACED), null, null)));
        assertEquals(List.of("url"), fields(() -> subscriptions.create(owner, "/relative",
                List.of(TestEventTypes.PLACED), null, null)));
        // A type the service declares but does not offer this owner.
        assertEquals(List.of("eventTypes[0]"), fields(() -> subscriptions.create(owner, URL,
                List.of(TestEventTypes.REFUNDED), List.of(TestEventTypes.PLACED), null)));
        assertTrue(subscriptions.list(owner).isEmpty());
    }

    @Test
    void aRetriedCreationGetsTheFirstAnswerAndAReusedKeyIsRefused() {
        String key = "create-" + UUID.randomUUID();
        Created first = subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, key);
        Created again = subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, key);
        assertTrue(again.replayed());
        assertEquals(first.subscription(), again.subscription());
        assertEquals(first.secret(), again.secret());
        assertEquals(1, subscriptions.list(owner).size());

        WebhookRefusedException reused = assertThrows(WebhookRefusedException.class,
                () -> subscriptions.create(owner, URL + "&other", List.of(TestEventTypes.PLACED), null, key));
        assertEquals(WebhookRefusedException.Reason.IDEMPOTENCY_KEY_REUSED, reused.reason());
        // Another owner's key is its own.
        String other = "owner-" + UUID.randomUUID();
        Created others = subscriptions.create(other, URL, List.of(TestEventTypes.PLACED), null, key);
        assertNotEquals(first.subscription().id(), others.subscription().id());
        subscriptions.deactivate(other, others.subscription().id());

        // After a rotation the key answers no more secret.
        subscriptions.rotateSecret(owner, first.subscription().id()).orElseThrow();
        Created afterRotation = subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, key);
        assertNotEquals(first.subscription().id(), afterRotation.subscription().id());
    }

    @Test
    void anOwnerHasALimitedNumberOfActiveSubscriptions() {
        for (int i = 0; i < 3; i++) {
            subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, null);
        }
        WebhookRefusedException refused = assertThrows(WebhookRefusedException.class,
                () -> subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, null));
        assertEquals(WebhookRefusedException.Reason.TOO_MANY_SUBSCRIPTIONS, refused.reason());
        subscriptions.deactivate(owner, subscriptions.list(owner).get(0).id());
        subscriptions.create(owner, URL, List.of(TestEventTypes.PLACED), null, null);
    }

    @Test
    void theTypesOfEveryBeanAreOffered() {
        assertEquals(java.util.Set.of(TestEventTypes.PLACED, TestEventTypes.CANCELLED, TestEventTypes.REFUNDED),
                java.util.Set.copyOf(subscriptions.eventTypes()));
    }

    private static List<String> fields(Runnable create) {
        return assertThrows(InvalidWebhookException.class, create::run).violations().stream().map(Violation::field)
                .toList();
    }
}
