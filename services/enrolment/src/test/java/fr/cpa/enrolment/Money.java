package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/** Rights put on a test holder's accounts through the real ledger's own APIs. */
final class Money {

    private Money() {
    }

    /** A region's top-up naming no application: free CPF money for any training. */
    static void cpf(People.Holder holder, long cents) {
        topUp(holder, cents, null, DemoLogins.FUNDER_CLIENT);
    }

    /**
     * A funder's top-up for one application (the ledger announces it as ApplicationToppedUp); its type and name are
     * the client's, an employer's client tops up as EMPLOYER.
     */
    static String topUp(People.Holder holder, long cents, UUID applicationId, String client) {
        Map<String, Object> body = new HashMap<>(Map.of("nir", holder.nir(), "amount", cents, "purpose",
                "Formation de test"));
        if (applicationId != null) {
            body.put("applicationId", applicationId.toString());
        }
        if (client.startsWith("demo-employer")) {
            // The ledger lets an employer top up only the people it declares.
            given().baseUri(Platform.ledger.url()).auth().oauth2(Tokens.forClient(client)).contentType(ContentType.JSON)
                    .body(Map.of("nir", holder.nir(), "year", 2025, "hoursWorked", 1607, "contractType", "PERMANENT",
                            "lowQualified", false, "cppExposures", java.util.List.of()))
                    .post("/api/ledger/declarations").then().statusCode(201);
        }
        return given().baseUri(Platform.ledger.url()).auth().oauth2(Tokens.forClient(client))
                .contentType(ContentType.JSON).header("Idempotency-Key", "enrolment-test-" + UUID.randomUUID())
                .body(body).post("/api/ledger/top-ups").then().statusCode(201).extract().path("id");
    }

    /** Eight months of service civique in 2025, credited by the year's accrual: 240 € of CEC rights. */
    static void cec(People.Holder holder) {
        given().baseUri(Platform.ledger.url()).auth().oauth2(Tokens.forClient("demo-cec-certifier"))
                .contentType(ContentType.JSON)
                .body(Map.of("nir", holder.nir(), "year", 2025, "activity", "SERVICE_CIVIQUE", "measure", 8))
                .post("/api/ledger/cec-declarations").then().statusCode(201);
        String operator = Tokens.forClient(DemoLogins.OPERATOR_CLIENT);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int started = given().baseUri(Platform.ledger.url()).auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("year", 2025)).post("/api/ledger/accrual-runs").statusCode();
            return started == 202 || started == 409;
        });
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE".equals(given().baseUri(Platform.ledger.url()).auth().oauth2(operator)
                        .get("/api/ledger/accrual-runs/2025").then().extract().path("status")));
    }
}
