package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/** Training offers published in the real catalogue by the demo organisations, for applications to name. */
final class Offers {

    /** The demo training organisation's SIRET (deploy/keycloak/README.md). */
    static final String ORG_SIRET = "91234567500017";
    /** A certification in force in the RNCP (Développeur web et web mobile). */
    static final String CERTIFICATION = "RNCP31114";
    /** A volunteers' training that only CEC rights may pay (a generated RS certification of that special kind). */
    static final String VOLUNTEERS_CERTIFICATION = "RS9901";

    /** A published session: the ids an application names. */
    record Session(UUID offerId, UUID actionId, UUID sessionId, LocalDate startsOn, LocalDate endsOn, long priceCents,
            int hours) {
    }

    private Offers() {
    }

    /** The demo organisation, described (with Qualiopi) so that it may publish. */
    static void organisation() {
        given().baseUri(Platform.catalogue.url()).auth().oauth2(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Formations du Littoral", "street", "12 quai de la Fosse", "postcode", "44000",
                        "city", "Nantes", "qualiopiGranted", "2022-03-15"))
                .put("/api/catalogue/organisations/" + ORG_SIRET).then().statusCode(200);
    }

    /** A session of a new offer leading to a certification in force, in person in Nantes. */
    static Session session(long priceCents, int hours, LocalDate startsOn, LocalDate endsOn, int seats,
            boolean inWorkingTime) {
        return session(CERTIFICATION, priceCents, hours, startsOn, endsOn, seats, inWorkingTime);
    }

    static Session session(String certification, long priceCents, int hours, LocalDate startsOn, LocalDate endsOn,
            int seats, boolean inWorkingTime) {
        organisation();
        Map<String, Object> place = Map.of("name", "Centre de Nantes", "street", "12 quai de la Fosse", "postcode",
                "44000", "city", "Nantes", "regionCode", "52", "latitude", 47.21, "longitude", -1.56);
        Map<String, Object> session = Map.of("startsOn", startsOn.toString(), "endsOn", endsOn.toString(), "seats",
                seats, "inWorkingTime", inWorkingTime);
        Map<String, Object> action = new HashMap<>(Map.of("durationHours", hours, "priceCents", priceCents,
                "modality", "IN_PERSON", "place", place, "sessions", List.of(session)));
        Map<String, Object> offer = Map.of("title", "Développeur web — session de test", "objectives",
                "Concevoir et développer des applications web.", "content", "HTML, CSS, JavaScript, bases de données.",
                "certificationCode", certification, "contact", Map.of("name", "Service formation", "email",
                        "formation@littoral.example", "phone", "02 40 00 00 00"), "actions", List.of(action));
        JsonPath created = given().baseUri(Platform.catalogue.url())
                .auth().oauth2(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", "enrolment-test-" + UUID.randomUUID()).body(offer)
                .post("/api/catalogue/offers").then().statusCode(201).extract().jsonPath();
        return new Session(UUID.fromString(created.getString("id")),
                UUID.fromString(created.getString("actions[0].id")),
                UUID.fromString(created.getString("actions[0].sessions[0].id")), startsOn, endsOn, priceCents, hours);
    }

    /** A volunteers' training (CEC only), its certification added to the catalogue's register as its tests do. */
    static Session volunteersSession(long priceCents, int hours, LocalDate startsOn, LocalDate endsOn) {
        Db.execute("cpa_catalogue", """
                INSERT INTO certification (code, registry, title, active, special_kind, origin)
                VALUES (?, 'RS', 'Formation des bénévoles associatifs', true, 'CEC_VOLUNTEER', 'GENERATED')
                ON CONFLICT DO NOTHING""", VOLUNTEERS_CERTIFICATION);
        return session(VOLUNTEERS_CERTIFICATION, priceCents, hours, startsOn, endsOn, 12, false);
    }
}
