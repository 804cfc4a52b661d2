package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.platform.events.Topics;
import fr.cpa.platform.web.security.AdvisorAccess;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Mailbox;
import fr.cpa.platform.testing.Tokens;

/** The profile, the advisors' grants and who may see what. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ProfileAndConsentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVISOR = "demo-advisor";

    @Test
    void aProfileChangeOtherServicesNeedIsAnnounced() throws Exception {
        People.Holder holder = People.registered(People.random());
        try (KafkaProbe holders = KafkaProbe.open(Topics.IDENTITY_HOLDERS)) {
            given().auth().oauth2(holder.token()).contentType("application/merge-patch+json; charset=UTF-8")
                    .body("""
                            {"employmentStatus": "ESAT_WORKER", "workplaceSiret": "73282932000074", "branchIdcc": "1486",
                             "diplomaLevel": "LEVEL_3", "workRegion": "84", "residenceRegion": "84",
                             "address": {"line1": "12 rue de la République", "postcode": "69002", "city": "Lyon"},
                             "notifications": {"sms": true}}""")
                    .patch("/api/identity/me").then().log().ifValidationFails().statusCode(200)
                    .body("profile.employmentStatus", equalTo("ESAT_WORKER"))
                    .body("profile.address.country", equalTo("FR"))
                    .body("profile.notifications.email", equalTo(true))
                    .body("profile.notifications.sms", equalTo(true));
            ConsumerRecord<String, String> record = holders.await(
                    r -> r.value().contains(holder.id().toString()) && r.value().contains("HolderProfileChanged"),
                    Duration.ofSeconds(20));
            JsonNode payload = JSON.readTree(record.value()).path("payload");
            assertEquals("ESAT_WORKER", payload.path("employmentStatus").asText());
            assertEquals("LEVEL_3", payload.path("diplomaLevel").asText());
            assertEquals(List.of("employmentStatus", "workplaceSiret", "workRegion", "residenceRegion", "branchIdcc",
                    "diplomaLevel"), JSON.convertValue(payload.path("changed"), List.class));
            assertFalse(record.value().contains("République"), "the address stays in the identity service");

            assertEquals(true, payload.path("emailNotifications").asBoolean(false));

            // Turning mails off is announced to the services that mail the holder.
            given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                    .body("{\"notifications\": {\"email\": false, \"sms\": true}}")
                    .patch("/api/identity/me").then().statusCode(200).body("profile.notifications.email", equalTo(false));
            ConsumerRecord<String, String> off = holders.await(r -> r.value().contains(holder.id().toString())
                    && r.value().contains("notifications.email"), Duration.ofSeconds(20));
            JsonNode offPayload = JSON.readTree(off.value()).path("payload");
            assertEquals(List.of("notifications.email"), JSON.convertValue(offPayload.path("changed"), List.class));
            assertFalse(offPayload.path("emailNotifications").asBoolean(true));

            // Null removes; a contact-only change is not announced.
            given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                    .body("{\"landlinePhone\": \"+33 1 23 45 67 89\", \"address\": null}")
                    .patch("/api/identity/me").then().statusCode(200)
                    .body("profile.address", nullValue())
                    .body("profile.landlinePhone", equalTo("+33123456789"))
                    .body("profile.branchIdcc", equalTo("1486"));
        }
    }

    @Test
    void badProfileValuesAreNamed() {
        People.Holder holder = People.registered(People.random());
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body("{\"workplaceSiret\": \"73282932000075\", \"workRegion\": \"22\", \"branchIdcc\": \"12\", "
                        + "\"notifications\": {\"sms\": true}, \"mobilePhone\": null}")
                .patch("/api/identity/me").then().statusCode(400)
                .body("errors.field", hasItem("workplaceSiret"))
                .body("errors.field", hasItem("workRegion"))
                .body("errors.field", hasItem("branchIdcc"))
                .body("errors.field", hasItem("notifications.sms"));
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body("{\"employmentStatus\": \"ASTRONAUT\"}")
                .patch("/api/identity/me").then().statusCode(400).body("errors.field", hasItem("employmentStatus"));
        // Civil-status fields are not editable here.
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body("{\"birthName\": \"Autre\"}")
                .patch("/api/identity/me").then().statusCode(400).body("errors.field", hasItem("birthName"));
    }

    @Test
    void onlyHoldersReachTheirSpaceAndNobodyElses() {
        People.Holder alice = People.registered(People.random());
        People.Holder bob = People.registered(People.random());
        given().get("/api/identity/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/identity/me").then().statusCode(403);
        given().auth().oauth2(Tokens.forClient(ADVISOR)).get("/api/identity/me").then().statusCode(403);
        // Each token reads its own holder only.
        given().auth().oauth2(alice.token()).get("/api/identity/me").then().body("holderId", equalTo(alice.id().toString()));
        given().auth().oauth2(bob.token()).get("/api/identity/me").then().body("holderId", equalTo(bob.id().toString()));
        // Bob cannot revoke, nor learn about, Alice's grant.
        String grant = grant(alice, List.of("rights"), 30).extract().path("id");
        given().auth().oauth2(bob.token()).delete("/api/identity/me/consents/" + grant).then().statusCode(404);
        given().auth().oauth2(bob.token()).get("/api/identity/me/consents").then().body("$", hasSize(0));
        given().auth().oauth2(alice.token()).get("/api/identity/me/consents").then().body("[0].live", equalTo(true));
        // A holder is not an advisor: no access checks with a holder's token.
        check(bob.token(), alice.id(), "ACCOUNTS").statusCode(403);
    }

    @Test
    void anAdvisorNeedsALiveGrantForTheScopeAndEveryAccessIsLogged() {
        People.Holder holder = People.registered(People.random());
        String advisor = Tokens.forClient(ADVISOR);
        check(advisor, holder.id(), "ACCOUNTS").statusCode(403).body("type", equalTo("urn:cpa:problem:no-consent"));

        String grant = grant(holder, List.of("rights", "project"), 30).statusCode(201)
                .body("advisor", equalTo(ADVISOR)).extract().path("id");
        check(advisor, holder.id(), "ACCOUNTS").statusCode(204);
        check(advisor, holder.id(), "ACCOUNT_ENTRIES").statusCode(204);
        check(advisor, holder.id(), "APPLICATIONS").statusCode(403);
        // A grant to Alice says nothing about anyone else.
        check(advisor, UUID.randomUUID(), "ACCOUNTS").statusCode(403);

        given().auth().oauth2(holder.token()).delete("/api/identity/me/consents/" + grant).then().statusCode(200)
                .body("live", equalTo(false));
        check(advisor, holder.id(), "ACCOUNTS").statusCode(403);

        given().auth().oauth2(holder.token()).get("/api/identity/me/access-log?size=10").then().statusCode(200)
                .body("totalItems", equalTo(5))
                .body("items.granted", equalTo(List.of(false, false, true, true, false)))
                .body("items[0].advisor", equalTo(ADVISOR))
                .body("items[0].resource", equalTo("GET /api/ledger/holders/{holderId}/accounts"));
    }

    @Test
    void aConsentCheckNamesOneOfTheFixedReadsNeverFreeText() {
        People.Holder holder = People.registered(People.random());
        String advisor = Tokens.forClient(ADVISOR);
        grant(holder, List.of("rights"), 30).statusCode(201);
        given().auth().oauth2(advisor).contentType(ContentType.JSON)
                .body(Map.of("holderId", holder.id(), "read", "Votre compte a été vidé, appelez le 08 99 ..."))
                .post(AdvisorAccess.CHECKS_PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("read"));
        given().auth().oauth2(advisor).contentType(ContentType.JSON)
                .body(Map.of("holderId", holder.id(), "scope", "rights", "resource", "anything"))
                .post(AdvisorAccess.CHECKS_PATH).then().statusCode(400);
        given().auth().oauth2(holder.token()).get("/api/identity/me/access-log?size=10").then().statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    void grantsNameAnAdvisorAgencyKnownScopesAndABoundedDuration() {
        People.Holder holder = People.registered(People.random());
        grant(holder, List.of("rights"), 30, "demo-employer").statusCode(400).body("errors.field", hasItem("advisor"));
        grant(holder, List.of("rights", "medical"), 30).statusCode(400).body("errors.field", hasItem("scopes[1]"));
        grant(holder, List.of("rights"), 0).statusCode(400).body("errors.field", hasItem("durationDays"));
        grant(holder, List.of("rights"), 366).statusCode(400).body("errors.field", hasItem("durationDays"));
    }

    @Test
    void theExportHoldsEverythingOnTheHolderAndTheSpaceCanBeClosed() {
        People.Holder holder = People.registered(People.random());
        grant(holder, List.of("payslips"), 10).statusCode(201);
        given().auth().oauth2(holder.token()).get("/api/identity/me/export").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("identity.nir", equalTo(holder.person().nir()))
                .body("identity.holder.identity.birthName", equalTo(holder.person().birthName()))
                .body("identity.consents[0].scopes", equalTo(List.of("payslips")))
                .body("complete", equalTo(true));

        try (KafkaProbe holders = KafkaProbe.open(Topics.IDENTITY_HOLDERS)) {
            given().auth().oauth2(holder.token()).post("/api/identity/me/closure").then().statusCode(200)
                    .body("status", equalTo("CLOSED"));
            ConsumerRecord<String, String> closed = holders.await(
                    r -> r.value().contains(holder.id().toString()) && r.value().contains("HolderClosed"),
                    Duration.ofSeconds(20));
            assertEquals("HolderClosed", KafkaProbe.header(closed, "cpa-event-type"));
        }
        // The login is closed, and the old token finds no space.
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Tokens.forUser(holder.person().nir(), People.PASSWORD));
        given().auth().oauth2(holder.token()).get("/api/identity/me").then().statusCode(404);
    }

    @Test
    void anOperatorRecordsADeathOnceAndOnlyAnOperatorMay() throws Exception {
        People.Holder holder = People.registered(People.random());
        Map<String, Object> death = Map.of("nir", holder.person().nir(), "dateOfDeath", "2026-10-01");
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON).body(death)
                .post("/api/identity/deaths").then().statusCode(403);
        String operator = Tokens.forClient("demo-operator");
        try (KafkaProbe holders = KafkaProbe.open(Topics.IDENTITY_HOLDERS)) {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(death)
                    .post("/api/identity/deaths").then().statusCode(201).body("hadOnlineSpace", equalTo(true));
            ConsumerRecord<String, String> closed = holders.await(
                    r -> r.value().contains(holder.id().toString()) && r.value().contains("DEATH"), Duration.ofSeconds(20));
            assertEquals("2026-10-01", JSON.readTree(closed.value()).path("payload").path("dateOfDeath").asText());
        }
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(death)
                .post("/api/identity/deaths").then().statusCode(200);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("nir", holder.person().nir(), "dateOfDeath", "2026-09-01"))
                .post("/api/identity/deaths").then().statusCode(409);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("nir", "123", "dateOfDeath", "2026-09-01"))
                .post("/api/identity/deaths").then().statusCode(400).body("errors.field", hasItem("nir"));
    }

    @Test
    void aDeathIsRecordedForSomeoneWhoNeverRegisteredWhoThenCannotRegister() throws Exception {
        People.Person person = People.random();
        String operator = Tokens.forClient("demo-operator");
        try (KafkaProbe holders = KafkaProbe.open(Topics.IDENTITY_HOLDERS)) {
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("nir", person.nir(), "dateOfDeath", "2025-12-31"))
                    .post("/api/identity/deaths").then().statusCode(201).body("hadOnlineSpace", equalTo(false));
            ConsumerRecord<String, String> closed = holders.await(
                    r -> r.value().contains("2025-12-31") && r.value().contains("HolderClosed"), Duration.ofSeconds(20));
            JsonNode payload = JSON.readTree(closed.value()).path("payload");
            assertTrue(payload.path("holderId").isNull(), "announced by person key only");
            assertEquals(closed.key(), payload.path("personKey").asText());
        }
        People.register(person);
        Thread.sleep(2_000);
        assertTrue(Mailbox.messagesFor(person.email()).isEmpty(), "no validation link for a deceased person's NIR");
    }

    private static io.restassured.response.ValidatableResponse grant(People.Holder holder, List<String> scopes, int days) {
        return grant(holder, scopes, days, ADVISOR);
    }

    private static io.restassured.response.ValidatableResponse grant(People.Holder holder, List<String> scopes, int days,
            String advisor) {
        return given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body(Map.of("advisor", advisor, "scopes", scopes, "durationDays", days))
                .post("/api/identity/me/consents").then();
    }

    private static io.restassured.response.ValidatableResponse check(String token, UUID holderId, String read) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("holderId", holderId, "read", read)).post(AdvisorAccess.CHECKS_PATH).then();
    }
}
