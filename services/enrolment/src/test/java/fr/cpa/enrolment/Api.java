package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Calls of the enrolment API under test, as its clients make them. */
final class Api {

    static {
        // A failed expectation prints the exchange, problem body included.
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> application(Offers.Session session, String workingTime, boolean cpf, boolean cec) {
        return Map.of("offerId", session.offerId().toString(), "sessionId", session.sessionId().toString(),
                "workingTime", workingTime, "rights", Map.of("cpf", cpf, "cec", cec));
    }

    static Response submit(String holderToken, Map<String, ?> body) {
        return as(holderToken).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/enrolment/applications");
    }

    /** Submits and returns the new application's id (201 expected). */
    static UUID submitted(String holderToken, Offers.Session session) {
        return UUID.fromString(submit(holderToken, application(session, "NONE", true, false)).then().statusCode(201)
                .extract().path("id"));
    }

    static JsonPath get(String holderToken, UUID id) {
        return as(holderToken).get("/api/enrolment/applications/" + id).then().statusCode(200).extract().jsonPath();
    }

    static Response propose(String orgToken, UUID id, Map<String, ?> proposal) {
        return as(orgToken).body(proposal).post("/api/enrolment/organisation/applications/" + id + "/proposal");
    }

    static Response confirm(String holderToken, UUID id) {
        return as(holderToken).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/enrolment/applications/" + id + "/confirmation");
    }

    /** Submitted in that working time and accepted by the demo organisation with the session's dates. */
    static UUID proposed(People.Holder holder, Offers.Session session, String workingTime) {
        UUID id = UUID.fromString(submit(holder.token(), application(session, workingTime, true, false)).then()
                .statusCode(201).extract().path("id"));
        propose(fr.cpa.platform.testing.Tokens.forClient(fr.cpa.platform.testing.DemoLogins.TRAINING_ORG_CLIENT), id,
                Map.of()).then().statusCode(200);
        return id;
    }

    /** Proposed, then confirmed by the holder with a strong login, until the ledger has answered. */
    static UUID confirmed(People.Holder holder, Offers.Session session, String workingTime, String awaitedState) {
        UUID id = proposed(holder, session, workingTime);
        confirm(holder.strongToken(), id).then().statusCode(200);
        awaitState(holder.token(), id, awaitedState);
        return id;
    }

    static void runDeadlines() {
        as(fr.cpa.platform.testing.Tokens.forClient(fr.cpa.platform.testing.DemoLogins.OPERATOR_CLIENT))
                .post("/api/enrolment/operations/deadline-runs").then().statusCode(200);
    }

    /** Waits until the holder's application is in that state (the ledger answers over Kafka). */
    static JsonPath awaitState(String holderToken, UUID id, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(get(holderToken, id).getString("state.code")));
        return get(holderToken, id);
    }
}
