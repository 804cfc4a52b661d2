package fr.cpa.enrolment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.WebhookReceiver;

/**
 * Partners' webhooks against the real ledger and catalogue: an organisation subscribes a receiver on the loopback,
 * is shown its secret once, and is called signed (Standard Webhooks) when a holder applies for one of its sessions;
 * another organisation finds nothing of the subscription; a replay comes again under the same webhook-id; a funder
 * is called when a top-up is asked of it. Payloads never carry the holder's NIR, name or address.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class WebhooksTest {

    private static final String OTHER_ORG_CLIENT = "demo-training-org-2";
    private static final LocalDate STARTS = LocalDate.of(2027, 3, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 5, 31);
    private static final Duration CALLED = Duration.ofSeconds(60);
    private static final String BASE = "/api/enrolment/webhooks";

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void anOrganisationIsCalledSignedWhenAHolderAppliesAndOthersFindNothing() throws Exception {
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String key = "webhooks-test-" + UUID.randomUUID();
            Map<String, Object> form = Map.of("url", receiver.url(), "eventTypes",
                    List.of("application.submitted", "application.cancelled-by-holder"));
            JsonPath created = Api.as(org).header("Idempotency-Key", key).body(form).post(BASE).then()
                    .statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
            String id = created.getString("id");
            String secret = created.getString("secret");
            String subscription = BASE + "/" + id;
            try {
                // A retry of the creation gets the first answer; reading it again never shows the secret.
                Api.as(org).header("Idempotency-Key", key).body(form).post(BASE).then().statusCode(201)
                        .header("Idempotent-Replayed", "true").body("id", equalTo(id));
                String shown = Api.as(org).get(subscription).then().statusCode(200)
                        .body("eventTypes", hasItem("application.submitted")).body("secret", nullValue())
                        .extract().asString();
                assertFalse(shown.contains(secret.substring(6)));
                String listed = Api.as(org).get(BASE).then().statusCode(200).body("items.id", hasItem(id))
                        .body("eventTypes", hasItem("application.no-show")).extract().asString();
                assertFalse(listed.contains(secret.substring(6)));

                People.Holder holder = People.employee();
                Money.cpf(holder, 300_000);
                Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
                UUID application = Api.submitted(holder.token(), session);

                WebhookReceiver.Received call = receiver.awaitMatching(
                        r -> r.body().contains(application.toString()), 1, CALLED).get(0);
                assertEquals("v1," + hmac(secret, call.id() + "." + call.timestamp() + "." + call.body()),
                        call.signature());
                assertEquals("application/json", call.contentType());
                JsonPath body = JsonPath.from(call.body());
                assertEquals("application.submitted", body.getString("type"));
                assertEquals(application.toString(), body.getString("data.applicationId"));
                assertEquals("SUBMITTED", body.getString("data.state"));
                assertEquals(null, body.getString("data.previousState"));
                assertEquals(session.offerId().toString(), body.getString("data.offerId"));
                assertEquals(session.sessionId().toString(), body.getString("data.sessionId"));
                for (String personal : List.of(holder.nir(), holder.email(), "Camille", "Testeur",
                        holder.personKey())) {
                    assertFalse(call.body().contains(personal), "no personal data in a webhook");
                }

                // The delivery and its attempt, as the organisation reads them.
                Awaitility.await().atMost(CALLED).until(() -> "DELIVERED".equals(Api.as(org)
                        .get(subscription + "/deliveries").then().statusCode(200).extract().jsonPath()
                        .param("webhookId", call.id()).getString("items.find { it.webhookId == webhookId }.status")));
                JsonPath deliveries = Api.as(org).get(subscription + "/deliveries?size=100").then().statusCode(200)
                        .extract().jsonPath().param("webhookId", call.id());
                String delivery = deliveries.getString("items.find { it.webhookId == webhookId }.id");
                assertEquals(200, deliveries.getInt("items.find { it.webhookId == webhookId }.attemptLog[0]"
                        + ".statusCode"));

                // Another organisation: not found, whatever it tries.
                String other = Tokens.forClient(OTHER_ORG_CLIENT);
                Api.as(other).get(subscription).then().statusCode(404).contentType("application/problem+json");
                Api.as(other).get(subscription + "/deliveries").then().statusCode(404);
                Api.as(other).post(subscription + "/secret").then().statusCode(404);
                Api.as(other).header("Idempotency-Key", UUID.randomUUID().toString())
                        .post(subscription + "/deliveries/" + delivery + "/replay").then().statusCode(404);
                Api.as(other).delete(subscription).then().statusCode(404);
                Api.as(other).get(BASE).then().statusCode(200).body("items.id", not(hasItem(id)));

                // A replay comes again, the same body under the same webhook-id.
                Api.as(org).header("Idempotency-Key", UUID.randomUUID().toString())
                        .post(subscription + "/deliveries/" + delivery + "/replay").then().statusCode(202)
                        .body("webhookId", equalTo(call.id())).body("replayOf", equalTo(delivery));
                WebhookReceiver.Received again = receiver.awaitCount(call.id(), 2, CALLED).get(1);
                assertEquals(call.body(), again.body());
                assertEquals("v1," + hmac(secret, again.id() + "." + again.timestamp() + "." + again.body()),
                        again.signature());

                // A new secret, shown once; the subscription is still the organisation's.
                String rotated = Api.as(org).post(subscription + "/secret").then().statusCode(200)
                        .body("secret", startsWith("whsec_")).extract().path("secret");
                assertFalse(rotated.equals(secret));
            } finally {
                Api.as(org).delete(subscription).then().statusCode(204);
            }
            Api.as(org).get(subscription).then().statusCode(404);
        }
    }

    @Test
    void aFunderIsCalledWhenATopUpIsAskedOfIt() throws Exception {
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            JsonPath created = Api.as(funder).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("top-up-request.pending")))
                    .post(BASE).then().statusCode(201).extract().jsonPath();
            String subscription = BASE + "/" + created.getString("id");
            try {
                People.Holder holder = People.employee();
                Money.cpf(holder, 300_000);
                Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
                UUID application = UUID.fromString(Api.submit(holder.token(), Map.of("offerId",
                        session.offerId().toString(), "sessionId", session.sessionId().toString(), "workingTime",
                        "NONE", "rights", Map.of("cpf", true), "topUpRequests",
                        List.of(Map.of("funder", DemoLogins.FUNDER_CLIENT, "amount", 20_000))))
                        .then().statusCode(201).extract().path("id"));

                WebhookReceiver.Received call = receiver.awaitMatching(
                        r -> r.body().contains(application.toString()), 1, CALLED).get(0);
                assertEquals("v1," + hmac(created.getString("secret"), call.id() + "." + call.timestamp() + "."
                        + call.body()), call.signature());
                JsonPath body = JsonPath.from(call.body());
                assertEquals("top-up-request.pending", body.getString("type"));
                assertEquals("PENDING", body.getString("data.status"));
                assertEquals(20_000, body.getInt("data.amountCents"));
                assertTrue(body.getString("data.requestId") != null);
                assertFalse(call.body().contains(holder.email()));
            } finally {
                Api.as(funder).delete(subscription).then().statusCode(204);
            }
        }
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() {
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
        refused(org, Map.of("url", "http://partner.example/hook", "eventTypes", List.of("application.submitted")),
                "url");
        refused(org, Map.of("url", "https://partner.example/hook", "eventTypes", List.of("application.unknown")),
                "eventTypes[0]");
        refused(org, Map.of("url", "https://partner.example/hook", "eventTypes", List.of()), "eventTypes");
        // Each partner chooses among the types that concern it.
        refused(org, Map.of("url", "https://partner.example/hook", "eventTypes", List.of("application.submitted",
                "top-up-request.pending")), "eventTypes[1]");
        refused(Tokens.forClient(DemoLogins.FUNDER_CLIENT), Map.of("url", "https://partner.example/hook",
                "eventTypes", List.of("application.submitted")), "eventTypes[0]");
        Api.as(org).body(Map.of("url", "https://partner.example/hook", "eventTypes",
                List.of("application.submitted"))).post(BASE).then().statusCode(400)
                .body("errors.field", hasItem("Idempotency-Key"));
        Api.as(Tokens.forClient(DemoLogins.OPERATOR_CLIENT)).get(BASE).then().statusCode(403);
    }

    private static void refused(String token, Map<String, ?> form, String field) {
        Api.as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body(form).post(BASE).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private static String hmac(String shownSecret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(shownSecret.substring("whsec_".length())),
                "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
