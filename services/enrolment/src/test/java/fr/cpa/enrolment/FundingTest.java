package fr.cpa.enrolment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/**
 * Funding plans against the real ledger: a job seeker owes no contribution, an application the employer tops up
 * owes none either (the plan updates when the ledger announces the top-up), a funder's answer to a request reaches
 * the plan, a volunteers' training is paid from CEC rights only, and an ineligible training is refused with why.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class FundingTest {

    private static final LocalDate STARTS = LocalDate.of(2027, 3, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 5, 31);

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void aJobSeekerOwesNoContribution() {
        People.Holder seeker = People.holder("JOB_SEEKER", null);
        Money.cpf(seeker, 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        Api.submit(seeker.token(), Api.application(session, "NONE", true, false)).then().statusCode(201)
                .body("plan.contribution.amount", equalTo(0)).body("plan.contribution.exemption", equalTo("JOB_SEEKER"))
                .body("plan.cpfAmount", equalTo(150_000)).body("plan.holderPays", equalTo(0));
    }

    @Test
    void theEmployersTopUpWaivesTheContributionAndIsSpentFirst() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 100_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        UUID id = UUID.fromString(Api.submit(holder.token(), Map.of("offerId", session.offerId().toString(),
                "sessionId", session.sessionId().toString(), "workingTime", "NONE", "rights", Map.of("cpf", true),
                "topUpRequests", List.of(Map.of("employer", true, "amount", 60_000, "message", "Merci"))))
                .then().statusCode(201).body("plan.contribution.amount", equalTo(10_320))
                .body("plan.holderPays", equalTo(50_000)).extract().path("id"));

        // The employer lists the request and answers with the ledger's top-up for this application.
        String employer = Tokens.forClient(DemoLogins.EMPLOYER_CLIENT);
        Api.as(employer).get("/api/enrolment/top-up-requests?status=PENDING").then().statusCode(200)
                .body("items.applicationId", hasItem(id.toString()));
        Money.topUp(holder, 60_000, id, DemoLogins.EMPLOYER_CLIENT);
        Awaitility.await().until(() -> Api.get(holder.token(), id).getInt("plan.contribution.amount") == 0);
        JsonPath plan = Api.get(holder.token(), id);
        assertEquals("EMPLOYER_CO_FUNDING", plan.getString("plan.contribution.exemption"));
        assertEquals(60_000, plan.getLong("topUps[0].amountCents"));
        assertEquals("ANSWERED", plan.getString("topUpRequests[0].status"));
        assertEquals(List.of("EARMARKED_TOP_UPS", "CPF"), plan.getList("plan.lines.source"));
        assertEquals(150_000, plan.getLong("plan.cpfAmount"));

        // Confirmed: the ledger holds the top-up and the CPF; the holder pays nothing.
        Api.propose(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT), id, Map.of()).then().statusCode(200);
        Api.confirm(holder.strongToken(), id).then().statusCode(200).body("holderPaymentCents", equalTo(0));
        JsonPath confirmed = Api.awaitState(holder.token(), id, "CONFIRMED");
        assertEquals(150_000, confirmed.getLong("ledger.reservedCpf"));
    }

    @Test
    void aFunderDeclinesARequest() {
        People.Holder holder = People.employee();
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        UUID id = Api.submitted(holder.token(), session);
        Api.as(holder.token()).body(Map.of("funder", DemoLogins.FUNDER_CLIENT, "amount", 50_000))
                .post("/api/enrolment/applications/" + id + "/top-up-requests").then().statusCode(201)
                .body("status", equalTo("PENDING"));
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        String request = Api.get(holder.token(), id).getString("topUpRequests[0].id");
        Api.as(funder).get("/api/enrolment/top-up-requests/" + request).then().statusCode(200)
                // No rights of the holder's in it yet, so no contribution either: the whole price is uncovered.
                .body("uncoveredCents", equalTo(150_000)).body("title", equalTo("Développeur web — session de test"));
        Api.as(funder).body(Map.of("reason", "hors de nos priorités")).post("/api/enrolment/top-up-requests/"
                + request + "/refusal").then().statusCode(200).body("request.status", equalTo("DECLINED"));
        Api.as(funder).body(Map.of("reason", "encore")).post("/api/enrolment/top-up-requests/" + request
                + "/refusal").then().statusCode(409);
    }

    @Test
    void aVolunteersTrainingIsPaidFromCecRightsOnly() {
        People.Holder volunteer = People.employee();
        Money.cpf(volunteer, 300_000);
        Money.cec(volunteer);
        Offers.Session session = Offers.volunteersSession(20_000, 21, STARTS, ENDS);
        Api.submit(volunteer.token(), Api.application(session, "NONE", true, false)).then().statusCode(400)
                .body("errors[0].field", equalTo("rights.cec"));
        Api.submit(volunteer.token(), Api.application(session, "NONE", true, true)).then().statusCode(201)
                .body("cecOnly", equalTo(true)).body("plan.cecAmount", equalTo(20_000 - 10_320))
                .body("plan.cpfAmount", equalTo(0)).body("plan.lines.source", hasItem("CEC"));
    }

    @Test
    void anIneligibleTrainingIsRefusedWithWhy() {
        People.Holder holder = People.employee();
        Offers.Session session = Offers.volunteersSession(20_000, 21, STARTS, ENDS);
        // No CEC rights: a volunteers' training is not eligible.
        Api.submit(holder.token(), Api.application(session, "NONE", false, true)).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:cpa:problem:not-eligible"))
                .body("errors[0].field", equalTo("offerId")).body("errors[0].reason", equalTo("CEC_RIGHTS_REQUIRED"));
    }
}
