package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.IdentityService;
import fr.cpa.platform.testing.Tokens;

/**
 * An advisor sees a holder's applications and asks a funder for a top-up from the agency only while the holder's
 * consent for "applications" is live, checked with the real identity service; without it, or for another holder,
 * 403.
 */
@QuarkusTest
@QuarkusTestResource(value = IdentityService.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class AdvisorAccessTest {

    private static final PersonKeys KEYS = new PersonKeys(
            "local development only: person key pepper, replace".getBytes(StandardCharsets.UTF_8));

    @Test
    void anAdvisorSeesAndActsOnlyUnderTheHoldersLiveConsent() {
        IdentityService.Registered registered = IdentityService.register("Camille");
        // What identity would announce once the holder says where they work.
        People.publish(new HolderProfileChanged(registered.id(), KEYS.of(Nir.parse(registered.nir())),
                List.of("employmentStatus", "workplaceSiret"), "EMPLOYEE", People.EMPLOYER_SIRET, "52", "52", null,
                "LEVEL_4", false));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Db.number(Db.ENROLMENT,
                "SELECT count(*) FROM holder_profile WHERE holder_id = ? AND employment_status IS NOT NULL",
                registered.id()) == 1);
        Offers.Session session = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                false);
        UUID id = Api.submitted(registered.token(), session);
        String advisor = Tokens.forClient(DemoLogins.ADVISOR_CLIENT);
        String path = "/api/enrolment/holders/" + registered.id() + "/applications";

        Api.as(advisor).get(path).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:no-consent"));

        String consent = identity().auth().oauth2(registered.token()).contentType(ContentType.JSON)
                .body(Map.of("advisor", DemoLogins.ADVISOR_CLIENT, "scopes", List.of("applications"),
                        "durationDays", 30))
                .post("/api/identity/me/consents").then().statusCode(201).extract().path("id");
        Api.as(advisor).get(path).then().statusCode(200).body("items.id", hasItem(id.toString()));
        Api.as(advisor).get(path + "/" + id).then().statusCode(200).body("state.code", equalTo("SUBMITTED"));
        Api.as(advisor).body(Map.of("funder", DemoLogins.FUNDER_CLIENT, "amount", 40_000, "message", "Reconversion"))
                .post(path + "/" + id + "/top-up-requests").then().statusCode(201)
                .body("status", equalTo("PENDING"));
        // The funder reads the request the agency filed.
        Api.as(Tokens.forClient(DemoLogins.FUNDER_CLIENT)).get("/api/enrolment/top-up-requests?status=PENDING")
                .then().statusCode(200).body("items.applicationId", hasItem(id.toString()));

        // Another holder's applications stay out of reach, and holders or employers cannot use the advisors' path.
        People.Holder other = People.employee();
        Api.as(advisor).get("/api/enrolment/holders/" + other.id() + "/applications").then().statusCode(403);
        Api.as(registered.token()).get(path).then().statusCode(403);
        Api.as(Tokens.forClient(DemoLogins.EMPLOYER_CLIENT)).get(path).then().statusCode(403);

        identity().auth().oauth2(registered.token()).delete("/api/identity/me/consents/" + consent).then()
                .statusCode(200);
        Api.as(advisor).get(path + "/" + id).then().statusCode(403)
                .body("type", equalTo("urn:cpa:problem:no-consent"));
    }

    private static io.restassured.specification.RequestSpecification identity() {
        return given().baseUri(IdentityService.process().url());
    }
}
