package fr.cpa.enrolment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.calendar.WorkingDays;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/**
 * The lifecycle's deadlines with the real ledger: the employer's notice and its 30-day silence, the 11 working days
 * before the start, expiries by the scheduler, and the late cancellation and no-show that forfeit the rights held.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class DeadlinesTest {

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
    void anAbsenceInWorkingTimeNeedsItsNotice() {
        People.Holder holder = People.employee();
        LocalDate soon = MutableClock.today().plusDays(45);
        Offers.Session shortOne = Offers.session(90_000, 35, soon, soon.plusDays(20), 12, true);
        Api.submit(holder.token(), Api.application(shortOne, "WHOLLY", true, false)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:employer-notice-too-short"))
                .body("detail", containsString("60 days")).body("detail", containsString("D. 6323-4"))
                .body("errors[0].field", equalTo("workingTime"));
        // Six months or more: 120 days, which 84 are not.
        Offers.Session longOne = Offers.session(900_000, 900, STARTS, STARTS.plusMonths(6), 12, true);
        Api.submit(holder.token(), Api.application(longOne, "PARTLY", true, false)).then().statusCode(422)
                .body("detail", containsString("120 days"));
        // Outside working time, the employer is not asked.
        Api.submit(holder.token(), Api.application(shortOne, "NONE", true, false)).then().statusCode(201)
                .body("employer.status", equalTo("NOT_NEEDED"));
    }

    @Test
    void theEmployersSilenceForThirtyDaysIsAnAuthorisation() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, true);
        UUID id = Api.confirmed(holder, session, "PARTLY", "AWAITING_EMPLOYER");
        JsonPath waiting = Api.get(holder.token(), id);
        assertEquals("PENDING", waiting.getString("employer.status"));
        assertEquals(EnrolmentRules.employerAnswerDue(MutableClock.today()).toString(),
                waiting.getString("employer.answerDue"));

        MutableClock.shiftDays(30);
        Api.runDeadlines();
        assertEquals("AWAITING_EMPLOYER", Api.get(holder.token(), id).getString("state.code"), "30 days are not over");
        MutableClock.shiftDays(1);
        Api.runDeadlines();
        JsonPath confirmed = Api.get(holder.token(), id);
        assertEquals("CONFIRMED", confirmed.getString("state.code"));
        assertEquals("AUTHORISED_BY_SILENCE", confirmed.getString("employer.status"));
        assertTrue(confirmed.getString("history[-1].reason").contains("D. 6323-4"));
    }

    @Test
    void anEmployersRefusalEndsTheApplicationAndFreesTheRights() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, true);
        UUID id = Api.confirmed(holder, session, "WHOLLY", "AWAITING_EMPLOYER");
        String employer = Tokens.forClient(DemoLogins.EMPLOYER_CLIENT);
        Api.as(employer).body(Map.of("authorised", false)).post("/api/enrolment/employer/requests/" + id + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        Api.as(employer).body(Map.of("authorised", false, "reason", "période de clôture des comptes"))
                .post("/api/enrolment/employer/requests/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("REFUSED"));
        Awaitility.await().until(() -> Api.get(holder.token(), id).getLong("ledger.releasedCpf") == 139_680);
        assertEquals("REFUSED_BY_EMPLOYER", Api.get(holder.token(), id).getString("state.code"));
    }

    @Test
    void aProposalLeavesElevenWorkingDaysBeforeTheStart() {
        People.Holder holder = People.employee();
        Offers.Session session = Offers.session(90_000, 35, STARTS, ENDS, 12, false);
        UUID id = UUID.fromString(Api.submit(holder.token(), Api.application(session, "NONE", true, false)).then()
                .statusCode(201).extract().path("id"));
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
        LocalDate earliest = WorkingDays.after(MutableClock.today(), 11);
        Api.propose(org, id, Map.of("startsOn", earliest.minusDays(1).toString(), "endsOn", ENDS.toString()))
                .then().statusCode(422).body("type", equalTo("urn:cpa:problem:start-too-soon"))
                .body("errors[0].field", equalTo("startsOn"));
        Api.propose(org, id, Map.of("startsOn", earliest.toString(), "endsOn", ENDS.toString(), "priceCents", 85_000))
                .then().statusCode(200).body("state.code", equalTo("PROPOSED"))
                .body("startsOn", equalTo(earliest.toString())).body("priceCents", equalTo(85_000));
    }

    @Test
    void theSchedulerExpiresWhatIsNotAnsweredInTime() {
        People.Holder holder = People.employee();
        Offers.Session session = Offers.session(90_000, 35, STARTS, ENDS, 12, false);
        UUID unanswered = Api.submitted(holder.token(), session);
        UUID unconfirmed = Api.proposed(holder, session, "NONE");
        LocalDate due = LocalDate.parse(Api.get(holder.token(), unanswered).getString("due.by"));
        MutableClock.today(due);
        Api.runDeadlines();
        assertEquals("SUBMITTED", Api.get(holder.token(), unanswered).getString("state.code"), "due day is in time");
        MutableClock.today(due.plusDays(1));
        Api.runDeadlines();
        JsonPath expired = Api.get(holder.token(), unanswered);
        assertEquals("EXPIRED", expired.getString("state.code"));
        assertEquals("SCHEDULER", expired.getString("history[-1].actor"));
        assertTrue(expired.getString("history[-1].reason").contains("l'organisme n'a pas répondu"));

        MutableClock.today(EnrolmentRules.confirmationDue(LocalDate.parse(
                Api.get(holder.token(), unconfirmed).getString("proposal.proposedOn"))).plusDays(1));
        Api.runDeadlines();
        assertEquals("EXPIRED", Api.get(holder.token(), unconfirmed).getString("state.code"));
        // Back to today, so that the strong login is fresh: only the state refuses.
        MutableClock.reset();
        Api.confirm(holder.strongToken(), unconfirmed).then().statusCode(409)
                .body("type", equalTo("urn:cpa:problem:application-state"));
    }

    @Test
    void aLateCancellationForfeitsTheRightsAnEarlyOneFreesThem() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 400_000);
        Offers.Session early = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        Offers.Session late = Offers.session(100_000, 200, STARTS, ENDS, 12, false);
        UUID free = Api.confirmed(holder, early, "NONE", "CONFIRMED");
        UUID forfeited = Api.confirmed(holder, late, "NONE", "CONFIRMED");

        Api.as(holder.token()).body(Map.of("reason", "changement de projet"))
                .post("/api/enrolment/applications/" + free + "/cancellation").then().statusCode(200)
                .body("state.code", equalTo("CANCELLED_BY_HOLDER")).body("ledger.forfeited", equalTo(false));
        Awaitility.await().until(() -> Api.get(holder.token(), free).getLong("ledger.releasedCpf") == 139_680);

        // Five working days before the start: without force majeure, the whole hold is debited.
        MutableClock.today(STARTS.minusDays(7));
        Api.as(holder.token()).body(Map.of("reason", "plus disponible"))
                .post("/api/enrolment/applications/" + forfeited + "/cancellation").then().statusCode(200)
                .body("ledger.forfeited", equalTo(true))
                .body("history[-1].reason", containsString("les droits réservés sont débités"));
        Awaitility.await().until(() -> Api.get(holder.token(), forfeited).getLong("ledger.debitedCpf") == 89_680);
        assertEquals(0, Api.get(holder.token(), forfeited).getLong("ledger.releasedCpf"));
    }

    @Test
    void aNoShowForfeitsUnlessForceMajeure() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 400_000);
        Offers.Session one = Offers.session(100_000, 200, STARTS, ENDS, 12, false);
        Offers.Session two = Offers.session(100_000, 200, STARTS, ENDS, 12, false);
        UUID absent = Api.confirmed(holder, one, "NONE", "CONFIRMED");
        UUID ill = Api.confirmed(holder, two, "NONE", "CONFIRMED");
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
        Api.as(org).body(Map.of("reason", "absent")).post("/api/enrolment/organisation/applications/" + absent
                + "/no-show").then().statusCode(409);
        MutableClock.today(STARTS);
        Api.as(org).body(Map.of("reason", "absent sans nouvelles")).post("/api/enrolment/organisation/applications/"
                + absent + "/no-show").then().statusCode(200).body("state.code", equalTo("NO_SHOW"));
        Api.as(org).body(Map.of("reason", "hospitalisé", "forceMajeure", true))
                .post("/api/enrolment/organisation/applications/" + ill + "/no-show").then().statusCode(200);
        Awaitility.await().until(() -> Api.get(holder.token(), absent).getLong("ledger.debitedCpf") == 89_680);
        Awaitility.await().until(() -> Api.get(holder.token(), ill).getLong("ledger.releasedCpf") == 89_680);
    }
}
