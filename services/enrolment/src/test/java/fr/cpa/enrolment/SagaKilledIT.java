package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.ServiceProcess;
import fr.cpa.platform.testing.Tokens;

/**
 * The packaged services killed (SIGKILL) in the middle of the saga, then started again, on the real broker and
 * databases: the ledger while the holder's confirmation waits for it, the enrolment service while the ledger's
 * answer waits for it, and the enrolment service again right after it applied the answer (so the broker delivers it
 * once more). Each time the application ends CONFIRMED with exactly one hold of its plan, and one CONFIRMED step.
 */
class SagaKilledIT {

    private static final Duration START = Duration.ofSeconds(180);
    private static final String LEDGER_CONSUMER = "mp.messaging.incoming.enrolment-applications.enabled";
    private static final String ENROLMENT_CONSUMER = "mp.messaging.incoming.ledger-accounts.enabled";

    @AfterAll
    static void stop() {
        People.deleteLogins();
        if (Platform.ledger != null) {
            Platform.ledger.close();
        }
        if (Platform.catalogue != null) {
            Platform.catalogue.close();
        }
    }

    @Test
    void eachKillLeavesOneHoldAndOneConfirmation() {
        // A ledger that reads funds but holds nothing yet: the confirmation's request will wait on the broker.
        Platform.ledger = ledger(false);
        Platform.catalogue = ServiceProcess.start("catalogue", Map.of("quarkus.rest-client.ledger.url",
                Platform.ledger.url()), START);
        ServiceProcess enrolment = enrolment(true);

        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                false);
        UUID first = proposed(enrolment, holder, session);
        confirm(enrolment, holder, first);
        Platform.ledger.kill();
        Platform.ledger = ledger(true);
        awaitConfirmed(enrolment, holder, first);
        assertOneHoldAndOneConfirmation(first);

        // The enrolment service down while the ledger answers: the answer waits on the broker. (Started again first,
        // to ask the new ledger's address for funds.)
        enrolment.close();
        enrolment = enrolment(true);
        UUID second = proposed(enrolment, holder, session);
        enrolment.kill();
        enrolment = enrolment(false);
        confirm(enrolment, holder, second);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Db.number(Db.LEDGER,
                "SELECT count(*) FROM account_entry WHERE kind = 'RESERVATION_PENDING' AND inputs->>'applicationId' = ?",
                second.toString()) == 1);
        enrolment.kill();
        enrolment = enrolment(true);
        awaitConfirmed(enrolment, holder, second);
        // Killed again at once: the answer it just applied comes again to the next one, which changes nothing.
        enrolment.kill();
        enrolment = enrolment(true);
        Offers.Session check = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                false);
        UUID third = proposed(enrolment, holder, check);
        confirm(enrolment, holder, third);
        awaitConfirmed(enrolment, holder, third);
        assertOneHoldAndOneConfirmation(first);
        assertOneHoldAndOneConfirmation(second);
        assertOneHoldAndOneConfirmation(third);
        enrolment.close();
    }

    private static ServiceProcess ledger(boolean holding) {
        return ServiceProcess.start("ledger", Map.of("cpa.outbox.interval", "200ms", LEDGER_CONSUMER,
                String.valueOf(holding)), START);
    }

    private static ServiceProcess enrolment(boolean consuming) {
        Map<String, String> config = new HashMap<>(Map.of("quarkus.rest-client.ledger.url", Platform.ledger.url(),
                "quarkus.rest-client.catalogue.url", Platform.catalogue.url(), "cpa.outbox.interval", "200ms",
                "cpa.enrolment.deadlines.interval", "off", ENROLMENT_CONSUMER, String.valueOf(consuming)));
        return ServiceProcess.start("enrolment", config, START);
    }

    private static UUID proposed(ServiceProcess enrolment, People.Holder holder, Offers.Session session) {
        UUID id = UUID.fromString(given().baseUri(enrolment.url()).auth().oauth2(holder.token())
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Api.application(session, "NONE", true, false)).post("/api/enrolment/applications").then()
                .statusCode(201).extract().path("id"));
        given().baseUri(enrolment.url()).auth().oauth2(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT))
                .contentType(ContentType.JSON).body(Map.of())
                .post("/api/enrolment/organisation/applications/" + id + "/proposal").then().statusCode(200);
        return id;
    }

    private static void confirm(ServiceProcess enrolment, People.Holder holder, UUID id) {
        given().baseUri(enrolment.url()).auth().oauth2(holder.strongToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/enrolment/applications/" + id + "/confirmation").then().statusCode(200);
    }

    private static void awaitConfirmed(ServiceProcess enrolment, People.Holder holder, UUID id) {
        String token = holder.token();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> "CONFIRMED".equals(given().baseUri(enrolment.url()).auth().oauth2(token)
                        .get("/api/enrolment/applications/" + id).then().statusCode(200).extract()
                        .path("state.code")));
    }

    private static void assertOneHoldAndOneConfirmation(UUID id) {
        assertEquals(1, Db.number(Db.LEDGER, "SELECT count(*) FROM account_entry WHERE kind = 'RESERVATION_PENDING' "
                + "AND inputs->>'applicationId' = ?", id.toString()), "one hold of the CPF part");
        assertEquals(1, Db.number(Db.ENROLMENT, "SELECT count(*) FROM application_transition WHERE application_id = ? "
                + "AND to_state = 'CONFIRMED'", id), "one confirmation");
        assertEquals(1, Db.number(Db.ENROLMENT, "SELECT count(*) FROM application WHERE id = ? AND seat_booked",
                id), "one seat");
    }
}
