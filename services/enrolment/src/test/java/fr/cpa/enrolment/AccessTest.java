package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/**
 * Who may see and do what: a holder only their own applications, an organisation only those for its sessions, an
 * employer only its employees' absence requests (the calendar, never the content), a funder only the requests
 * addressed to it. Anyone else is told "not found", a wrong role "forbidden", no token "unauthenticated".
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class AccessTest {

    static final String OTHER_ORG_CLIENT = DemoLogins.OTHER_TRAINING_ORG_CLIENT;
    static final String OTHER_FUNDER_CLIENT = DemoLogins.OTHER_FUNDER_CLIENT;

    static People.Holder holder;
    static People.Holder other;
    static UUID application;

    @BeforeAll
    static void anApplicationInWorkingTime() {
        // Quarkus points RestAssured at the service before each test only; this runs before the first one.
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.test-port", Integer.class);
        holder = People.employee();
        other = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                true);
        application = UUID.fromString(Api.submit(holder.token(), Map.of("offerId", session.offerId().toString(),
                "sessionId", session.sessionId().toString(), "workingTime", "PARTLY", "rights", Map.of("cpf", true),
                "topUpRequests", java.util.List.of(Map.of("funder", DemoLogins.FUNDER_CLIENT, "amount", 20_000))))
                .then().statusCode(201).extract().path("id"));
    }

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void anotherHolderFindsNothing() {
        String token = other.token();
        Api.as(token).get("/api/enrolment/applications/" + application).then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(token).get("/api/enrolment/applications").then().statusCode(200)
                .body("items.id", not(hasItem(application.toString())));
        Api.confirm(other.strongToken(), application).then().statusCode(404);
        Api.as(token).body(Map.of("reason", "pas moi")).post("/api/enrolment/applications/" + application
                + "/cancellation").then().statusCode(404);
        Api.as(token).body(Map.of("funder", "demo-funder", "amount", 100)).post("/api/enrolment/applications/"
                + application + "/top-up-requests").then().statusCode(404);
        Api.as(token).get("/api/enrolment/me/export").then().statusCode(200)
                .body("applications.id", not(hasItem(application.toString())));
        Api.as(holder.token()).get("/api/enrolment/me/export").then().statusCode(200)
                .header("Cache-Control", "no-store").body("applications.id", hasItem(application.toString()));
    }

    @Test
    void noTokenAndWrongRolesAreRefused() {
        given().get("/api/enrolment/applications/" + application).then().statusCode(401)
                .contentType("application/problem+json");
        given().get("/api/enrolment/organisation/applications").then().statusCode(401);
        String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
        Api.as(org).get("/api/enrolment/applications/" + application).then().statusCode(403);
        Api.as(holder.token()).get("/api/enrolment/organisation/applications/" + application).then().statusCode(403);
        Api.as(holder.token()).get("/api/enrolment/employer/requests/" + application).then().statusCode(403);
        Api.as(holder.token()).post("/api/enrolment/operations/deadline-runs").then().statusCode(403);
        Api.as(Tokens.forClient(DemoLogins.EMPLOYER_CLIENT)).get("/api/enrolment/organisation/applications")
                .then().statusCode(403);
    }

    @Test
    void anotherOrganisationFindsNothing() {
        String org = Tokens.forClient(OTHER_ORG_CLIENT);
        String base = "/api/enrolment/organisation/applications/" + application;
        Api.as(org).get(base).then().statusCode(404);
        Api.as(org).get("/api/enrolment/organisation/applications").then().statusCode(200)
                .body("items.id", not(hasItem(application.toString())));
        Api.propose(org, application, Map.of()).then().statusCode(404);
        Api.as(org).body(Map.of("reason", "complet")).post(base + "/refusal").then().statusCode(404);
        Api.as(org).post(base + "/entry").then().statusCode(404);
        Api.as(org).body(Map.of("attendedHours", 10, "partialReason", "ABSENCE")).post(base + "/completion")
                .then().statusCode(404);
        Api.as(org).body(Map.of("reason", "x")).post(base + "/cancellation").then().statusCode(404);
        // Its own organisation sees it.
        Api.as(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT)).get(base).then().statusCode(200)
                .body("id", equalTo(application.toString()));
    }

    @Test
    void theEmployerSeesTheCalendarOnlyAndAnotherEmployerNothing() {
        String employer = Tokens.forClient(DemoLogins.EMPLOYER_CLIENT);
        Api.as(employer).get("/api/enrolment/employer/requests?status=PENDING").then().statusCode(200)
                .body("items.id", hasItem(application.toString()));
        Api.as(employer).get("/api/enrolment/employer/requests/" + application).then().statusCode(200)
                .body("startsOn", equalTo("2027-03-01")).body("status", equalTo("PENDING"))
                .body("applicant.name", equalTo("Camille Testeur"))
                .body("title", nullValue()).body("priceCents", nullValue()).body("plan", nullValue())
                .body("applicant.email", nullValue()).body("certificationCode", nullValue());
        String otherEmployer = Tokens.forClient(DemoLogins.OTHER_EMPLOYER_CLIENT);
        Api.as(otherEmployer).get("/api/enrolment/employer/requests/" + application).then().statusCode(404);
        Api.as(otherEmployer).body(Map.of("authorised", false, "reason", "non"))
                .post("/api/enrolment/employer/requests/" + application + "/decision").then().statusCode(404);
        Api.as(otherEmployer).get("/api/enrolment/employer/requests").then().statusCode(200)
                .body("items.id", not(hasItem(application.toString())));
    }

    @Test
    void aFunderSeesOnlyWhatIsAskedOfIt() {
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        String request = Api.as(funder).get("/api/enrolment/top-up-requests?status=PENDING").then().statusCode(200)
                .extract().jsonPath().param("app", application.toString())
                .getString("items.find { it.applicationId == app }.request.id");
        Api.as(funder).get("/api/enrolment/top-up-requests/" + request).then().statusCode(200)
                .body("request.amountCents", equalTo(20_000)).body("applicant.email", nullValue());
        String otherFunder = Tokens.forClient(OTHER_FUNDER_CLIENT);
        Api.as(otherFunder).get("/api/enrolment/top-up-requests/" + request).then().statusCode(404);
        Api.as(otherFunder).body(Map.of("reason", "non")).post("/api/enrolment/top-up-requests/" + request
                + "/refusal").then().statusCode(404);
        // A funder that did not top the application up cannot cancel it.
        Api.as(funder).body(Map.of("reason", "non")).post("/api/enrolment/funded-applications/" + application
                + "/cancellation").then().statusCode(404);
    }
}
