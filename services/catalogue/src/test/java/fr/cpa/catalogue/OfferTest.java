package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.catalogue.OfferPublished;
import fr.cpa.platform.events.catalogue.OfferWithdrawn;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/** Training organisations publish, replace and withdraw their own offers; anyone reads them. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OfferTest {

    /** The SIRET of the realm's demo-training-org. */
    private static final String SIRET = "91234567500017";
    private static final String OTHER_SIRET = "44306184100047";

    @Inject
    DataSource dataSource;

    private String org;

    @BeforeEach
    void describeTheOrganisation() {
        org = Tokens.forClient("demo-training-org");
        given().auth().oauth2(org).contentType(ContentType.JSON)
                .body(Map.of("name", "Formations du Littoral", "street", "12 quai de la Fosse", "postcode", "44000",
                        "city", "Nantes", "qualiopiGranted", "2022-03-15"))
                .put("/api/catalogue/organisations/" + SIRET).then().statusCode(200);
    }

    static Map<String, Object> session(String startsOn, String endsOn, int seats) {
        Map<String, Object> session = new HashMap<>();
        session.put("startsOn", startsOn);
        session.put("endsOn", endsOn);
        session.put("seats", seats);
        session.put("inWorkingTime", false);
        return session;
    }

    static Map<String, Object> offer() {
        Map<String, Object> place = new HashMap<>();
        place.put("name", "Centre de Nantes");
        place.put("street", "12 quai de la Fosse");
        place.put("postcode", "44000");
        place.put("city", "Nantes");
        place.put("regionCode", "52");
        place.put("latitude", 47.2100);
        place.put("longitude", -1.5600);
        Map<String, Object> action = new HashMap<>();
        action.put("durationHours", 420);
        action.put("priceCents", 390_000);
        action.put("modality", "BLENDED");
        action.put("place", place);
        action.put("sessions", new ArrayList<>(List.of(session("2027-01-11", "2027-04-30", 12))));
        Map<String, Object> offer = new HashMap<>();
        offer.put("title", "Agent d'accueil des voyageurs — titre professionnel");
        offer.put("objectives", "Accueillir et informer les voyageurs en gare et à bord.");
        offer.put("content", "Accueil, information voyageurs, sécurité, anglais professionnel.");
        offer.put("certificationCode", "RNCP34001");
        offer.put("contact", Map.of("name", "Service formation", "email", "formation@littoral.example",
                "phone", "02 40 00 00 00"));
        offer.put("actions", new ArrayList<>(List.of(action)));
        return offer;
    }

    private Response create(Object body) {
        return given().auth().oauth2(org).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/catalogue/offers");
    }

    @Test
    void anOrganisationPublishesAnOfferAnyoneReadsAndAnEventAnnouncesIt() {
        try (KafkaProbe probe = KafkaProbe.open(Topics.CATALOGUE_OFFERS)) {
            String key = UUID.randomUUID().toString();
            String id = given().auth().oauth2(org).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(offer()).post("/api/catalogue/offers").then().statusCode(201)
                    .header("Location", containsString("/api/catalogue/offers/"))
                    .extract().path("id");
            given().auth().oauth2(org).contentType(ContentType.JSON).header("Idempotency-Key", key).body(offer())
                    .post("/api/catalogue/offers").then().statusCode(201)
                    .header("Idempotent-Replayed", "true").body("id", equalTo(id));
            given().auth().oauth2(org).contentType(ContentType.JSON).body(offer()).post("/api/catalogue/offers")
                    .then().statusCode(400);

            given().get("/api/catalogue/offers/" + id).then().statusCode(200)
                    .body("status", equalTo("PUBLISHED"))
                    .body("revision", equalTo(1))
                    .body("organisation.siret", equalTo(SIRET))
                    .body("organisation.name", equalTo("Formations du Littoral"))
                    .body("certification.code", equalTo("RNCP34001"))
                    .body("certification.level", equalTo(4))
                    .body("contact.email", equalTo("formation@littoral.example"))
                    .body("actions", hasSize(1))
                    .body("actions[0].priceCents", equalTo(390_000))
                    .body("actions[0].durationHours", equalTo(420))
                    .body("actions[0].modality", equalTo("BLENDED"))
                    .body("actions[0].place.regionCode", equalTo("52"))
                    .body("actions[0].place.latitude", equalTo(47.21f))
                    .body("actions[0].sessions[0].startsOn", equalTo("2027-01-11"))
                    .body("actions[0].sessions[0].seats", equalTo(12))
                    .body("actions[0].sessions[0].inWorkingTime", equalTo(false))
                    .body("actions[0].sessions[0].id", notNullValue());

            ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            EventEnvelope envelope = EventEnvelope.fromJson(record.value());
            assertEquals("OfferPublished", envelope.type());
            assertEquals(new OfferPublished(UUID.fromString(id), 1, SIRET, "RNCP34001",
                    "Agent d'accueil des voyageurs — titre professionnel"), envelope.payloadAs(OfferPublished.class));
            assertEquals(1, new Db(dataSource).count("""
                    SELECT count(*) FROM platform_outbox_event WHERE key = ? AND type = 'OfferPublished'""", id),
                    "published once however often the creation is retried");
        }
        given().get("/api/catalogue/organisations/" + SIRET).then().statusCode(200)
                .body("qualiopiGranted", equalTo("2022-03-15"))
                .body("city", equalTo("Nantes"));
    }

    @Test
    void anOfferIsReplacedKeepingTheSessionsSentWithTheirIdThenWithdrawnOnce() {
        String id = create(offer()).then().statusCode(201).extract().path("id");
        Map<String, Object> current = given().get("/api/catalogue/offers/" + id).then().extract().jsonPath()
                .getMap("actions[0]");
        String sessionId = (String) ((List<Map<String, Object>>) current.get("sessions")).get(0).get("id");

        Map<String, Object> changed = offer();
        Map<String, Object> action = ((List<Map<String, Object>>) changed.get("actions")).get(0);
        action.put("id", current.get("id"));
        action.put("priceCents", 350_000);
        Map<String, Object> kept = session("2027-01-11", "2027-05-07", 10);
        kept.put("id", sessionId);
        action.put("sessions", List.of(kept, session("2027-09-06", "2027-12-17", 14)));
        try (KafkaProbe probe = KafkaProbe.open(Topics.CATALOGUE_OFFERS)) {
            given().auth().oauth2(org).contentType(ContentType.JSON).body(changed).put("/api/catalogue/offers/" + id)
                    .then().statusCode(200)
                    .body("revision", equalTo(2))
                    .body("actions[0].id", equalTo(current.get("id")))
                    .body("actions[0].priceCents", equalTo(350_000))
                    .body("actions[0].sessions.id", hasItems(sessionId))
                    .body("actions[0].sessions.endsOn", containsInAnyOrder("2027-05-07", "2027-12-17"));
            // The first revision's event may come after the probe opened: the second is awaited by its type.
            probe.await(r -> id.equals(r.key()) && EventEnvelope.fromJson(r.value()).type().equals("OfferPublished")
                    && EventEnvelope.fromJson(r.value()).payloadAs(OfferPublished.class).revision() == 2,
                    Duration.ofSeconds(20));

            given().auth().oauth2(org).post("/api/catalogue/offers/" + id + "/withdrawal").then().statusCode(200)
                    .body("status", equalTo("WITHDRAWN"))
                    .body("withdrawnAt", notNullValue());
            given().auth().oauth2(org).post("/api/catalogue/offers/" + id + "/withdrawal").then().statusCode(200)
                    .body("revision", equalTo(3));
            EventEnvelope withdrawn = EventEnvelope.fromJson(probe.await(r -> id.equals(r.key())
                    && EventEnvelope.fromJson(r.value()).type().equals("OfferWithdrawn"), Duration.ofSeconds(20))
                    .value());
            assertEquals(new OfferWithdrawn(UUID.fromString(id), 3, SIRET, "RNCP34001"),
                    withdrawn.payloadAs(OfferWithdrawn.class));
        }
        given().auth().oauth2(org).contentType(ContentType.JSON).body(offer()).put("/api/catalogue/offers/" + id)
                .then().statusCode(409);
        given().get("/api/catalogue/offers/" + id).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertEquals(1, new Db(dataSource).count("""
                SELECT count(*) FROM platform_outbox_event WHERE key = ? AND type = 'OfferWithdrawn'""", id),
                "withdrawn once");
    }

    @Test
    void aWrongOfferIsRefusedNamingEachField() {
        Map<String, Object> offer = offer();
        offer.put("certificationCode", "RNCP99999999");
        Map<String, Object> action = ((List<Map<String, Object>>) offer.get("actions")).get(0);
        action.put("priceCents", -1);
        action.put("durationHours", 0);
        Map<String, Object> place = (Map<String, Object>) action.get("place");
        place.put("regionCode", "99");
        place.put("latitude", 40.4);
        place.put("longitude", -3.7);
        action.put("sessions", List.of(session("2027-05-01", "2027-04-01", 0)));
        create(offer).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("certificationCode", "actions[0].priceCents",
                        "actions[0].durationHours", "actions[0].place.regionCode", "actions[0].place.latitude",
                        "actions[0].sessions[0].endsOn", "actions[0].sessions[0].seats"));

        offer = offer();
        offer.put("certificationCode", "RNCP99999");
        create(offer).then().statusCode(400).body("errors[0].field", equalTo("certificationCode"))
                .body("errors[0].reason", equalTo("is not a known certification"));

        Map<String, Object> remote = offer();
        Map<String, Object> remoteAction = ((List<Map<String, Object>>) remote.get("actions")).get(0);
        remoteAction.put("modality", "REMOTE");
        remoteAction.remove("place");
        create(remote).then().statusCode(201).body("actions[0].place", equalTo(null));
        remoteAction.put("modality", "IN_PERSON");
        create(remote).then().statusCode(400).body("errors[0].field", equalTo("actions[0].place"));
        remoteAction.put("modality", "ONLINE");
        create(remote).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("actions[0].modality"));
    }

    @Test
    void onlyTrainingOrganisationsWriteAndOnlyTheirOwnOffers() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(offer())
                .post("/api/catalogue/offers").then().statusCode(401);
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(offer())
                .post("/api/catalogue/offers").then().statusCode(403);
        given().auth().oauth2(org).contentType(ContentType.JSON)
                .body(Map.of("name", "Autre", "street", "1 rue", "postcode", "75001", "city", "Paris"))
                .put("/api/catalogue/organisations/" + OTHER_SIRET).then().statusCode(403);

        // Another organisation's offer, written directly: there is a single demo training organisation.
        Db db = new Db(dataSource);
        db.execute("""
                INSERT INTO organisation (siret, name, street, postcode, city) VALUES (?, 'Autre organisme',
                    '1 rue de Rivoli', '75001', 'Paris') ON CONFLICT DO NOTHING""", OTHER_SIRET);
        UUID theirs = UUID.randomUUID();
        db.execute("""
                INSERT INTO offer (id, organisation_siret, certification_code, status, title, objectives, content,
                    contact_email) VALUES (?, ?, 'RNCP34001', 'PUBLISHED', 'Leur offre', 'Objectifs', 'Contenu',
                    'contact@autre.example')""", theirs, OTHER_SIRET);
        given().auth().oauth2(org).contentType(ContentType.JSON).body(offer()).put("/api/catalogue/offers/" + theirs)
                .then().statusCode(404);
        given().auth().oauth2(org).post("/api/catalogue/offers/" + theirs + "/withdrawal").then().statusCode(404);
        given().get("/api/catalogue/offers/" + theirs).then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("title", equalTo("Leur offre"));
    }

    @Test
    void aNewOfferCannotNameAnotherOrganisationsSessions() {
        String other = Tokens.forClient("demo-training-org-2");
        given().auth().oauth2(other).contentType(ContentType.JSON)
                .body(Map.of("name", "Autre organisme", "street", "1 rue de Rivoli", "postcode", "75001",
                        "city", "Paris", "qualiopiGranted", "2021-06-01"))
                .put("/api/catalogue/organisations/" + OTHER_SIRET).then().statusCode(200);
        String theirs = given().auth().oauth2(other).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(offer()).post("/api/catalogue/offers")
                .then().statusCode(201).extract().path("id");
        // Their offer is public: its action and session ids are there for anyone to read.
        Response published = given().get("/api/catalogue/offers/" + theirs);
        String actionId = published.path("actions[0].id");
        String sessionId = published.path("actions[0].sessions[0].id");

        Map<String, Object> taking = offer();
        @SuppressWarnings("unchecked")
        Map<String, Object> action = ((List<Map<String, Object>>) taking.get("actions")).get(0);
        action.put("id", actionId);
        Map<String, Object> session = session("2027-09-01", "2027-09-02", 1);
        session.put("id", sessionId);
        action.put("sessions", List.of(session));
        create(taking).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("actions[0].id", "actions[0].sessions[0].id"));

        // Nor through a replacement of one's own offer.
        String mine = create(offer()).then().statusCode(201).extract().path("id");
        action.remove("id");
        given().auth().oauth2(org).contentType(ContentType.JSON).body(taking).put("/api/catalogue/offers/" + mine)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("actions[0].sessions[0].id"));

        given().get("/api/catalogue/offers/" + theirs).then().statusCode(200)
                .body("actions[0].sessions[0].id", equalTo(sessionId))
                .body("actions[0].sessions[0].startsOn", equalTo("2027-01-11"))
                .body("actions[0].sessions[0].seats", equalTo(12));
    }
}
