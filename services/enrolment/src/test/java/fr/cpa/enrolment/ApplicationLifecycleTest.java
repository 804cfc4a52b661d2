package fr.cpa.enrolment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/**
 * A training bought with the CPF from the request to the payment, against the real ledger and catalogue: the quote,
 * the sign-up request, the organisation's proposal, the holder's confirmation (the ledger holds the rights), the
 * entry, the service done with 75 % attendance (the ledger debits 75 % of the hold) and the payment.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class ApplicationLifecycleTest {

    private static final LocalDate STARTS = LocalDate.of(2027, 3, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 5, 31);

    @AfterEach
    void realTime() {
        MutableClock.reset();
    }

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void fromTheQuoteToThePayment() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        String token = holder.token();
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);

        // The quote: 103,20 € of contribution in 2026, the rest from the CPF; nothing is written.
        Api.as(token).queryParam("offerId", session.offerId()).queryParam("sessionId", session.sessionId())
                .queryParam("workingTime", "NONE").queryParam("cpf", true)
                .get("/api/enrolment/applications/quote").then().statusCode(200)
                .body("priceCents", equalTo(150_000)).body("contribution.amount", equalTo(10_320))
                .body("cpfAmount", equalTo(139_680)).body("holderPays", equalTo(10_320));

        UUID id = Api.submitted(token, session);
        JsonPath submitted = Api.get(token, id);
        assertEquals("SUBMITTED", submitted.getString("state.code"));
        assertEquals(EnrolmentRules.organisationAnswerDue(MutableClock.today()).toString(),
                submitted.getString("due.by"));
        assertEquals("ORGANISATION_ANSWER", submitted.getString("due.step"));
        assertEquals("NOT_NEEDED", submitted.getString("employer.status"));

        // The organisation sees who applies and accepts with the session's dates.
        Api.as(org).get("/api/enrolment/organisation/applications?state=SUBMITTED").then().statusCode(200)
                .body("items.id", hasItem(id.toString()));
        Api.as(org).get("/api/enrolment/organisation/applications/" + id).then().statusCode(200)
                .body("applicant.email", equalTo(holder.email())).body("applicant.name", equalTo("Camille Testeur"));
        Api.propose(org, id, Map.of("message", "Bienvenue")).then().statusCode(200)
                .body("state.code", equalTo("PROPOSED"));

        // The holder confirms with a strong login; the ledger holds the rights.
        Api.confirm(holder.strongToken(), id).then().statusCode(200).body("state.code", equalTo("PAYMENT_PENDING"))
                .body("holderPaymentCents", equalTo(10_320));
        JsonPath confirmed = Api.awaitState(token, id, "CONFIRMED");
        assertEquals(139_680, confirmed.getLong("ledger.reservedCpf"));
        assertEquals("ENTRY_DECLARATION", confirmed.getString("due.step"));

        // Training day: the organisation declares the entry, then the service done with 300 of 400 hours.
        MutableClock.today(STARTS);
        Api.as(org).post("/api/enrolment/organisation/applications/" + id + "/entry").then().statusCode(200)
                .body("state.code", equalTo("IN_TRAINING"));
        Api.as(org).body(Map.of("attendedHours", 300, "partialReason", "ABANDONMENT"))
                .post("/api/enrolment/organisation/applications/" + id + "/completion").then().statusCode(200)
                .body("state.code", equalTo("COMPLETED"));
        JsonPath validated = Api.awaitState(token, id, "SERVICE_VALIDATED");
        assertEquals(139_680 * 300 / 400, validated.getLong("ledger.debitedCpf"));

        // The payment run pays the organisation what was debited and what the holder paid.
        Api.as(Tokens.forClient(DemoLogins.OPERATOR_CLIENT)).post("/api/enrolment/operations/deadline-runs")
                .then().statusCode(200);
        JsonPath paid = Api.get(token, id);
        assertEquals("PAID", paid.getString("state.code"));
        assertEquals(139_680 * 300 / 400 + 10_320, paid.getLong("completion.paidCents"));
        List<String> steps = paid.getList("history.to");
        assertEquals(List.of("SUBMITTED", "PROPOSED", "PAYMENT_PENDING", "CONFIRMED", "IN_TRAINING", "COMPLETED",
                "SERVICE_VALIDATED", "PAID"), steps);
        assertEquals(List.of("HOLDER", "ORGANISATION", "HOLDER", "LEDGER", "ORGANISATION", "ORGANISATION", "LEDGER",
                "SCHEDULER"), paid.getList("history.actor"));
    }
}
