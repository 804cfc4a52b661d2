package fr.cpa.catalogue;

import static fr.cpa.catalogue.Eligible.sorted;
import static fr.cpa.catalogue.Eligible.titles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * "Eligible for me" today (rules since 2019 and 2022): certifications in force in their register and the special
 * kinds, from Qualiopi organisations; volunteers' trainings only with CEC rights, as the ledger says.
 */
@QuarkusTest
@TestProfile(Eligible.Profile.class)
@QuarkusTestResource(LocalStackResource.class)
class EligibilityTest {

    @Inject
    DataSource dataSource;

    private final SearchData data = new SearchData();
    private String holder;

    @BeforeEach
    void publish() {
        Eligible.publish(dataSource, data);
        holder = Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);
        LedgerStandIn.answer(404, "");
    }

    @Test
    void registeredCertificationsAndSpecialKindsAreEligibleWhateverTheSituation() {
        Eligible.situation(dataSource, holder, "EMPLOYEE", "32", "32", "1486");
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.ACCUEIL_PARIS,
                SearchData.ACCUEIL_LYON, SearchData.EDUCATEUR, SearchData.BILAN), titles(holder));
        Eligible.situation(dataSource, holder, "JOB_SEEKER", null, "11", null);
        assertEquals(6, titles(holder).size());
        assertEquals(titles(holder), Eligible.eligibleOneByOne(holder, data.offerIds()));
        given().auth().oauth2(holder).queryParam("eligibleFor", "me").queryParam("organisation", SearchData.SIRET)
                .get("/api/catalogue/offers").then().statusCode(200)
                .body("eligibility.byRegister", equalTo(true))
                .body("eligibility.byLists", equalTo(false))
                .body("eligibility.qualityCertificationRequired", equalTo(true))
                .body("eligibility.employmentStatus", equalTo("JOB_SEEKER"))
                .body("eligibility.cecRights", equalTo("NO"))
                .body("facets.kind.RNCP", equalTo(5));
        // The ledger was asked with the holder's own token.
        assertEquals("Bearer " + holder, LedgerStandIn.lastAuthorization());
    }

    @Test
    void volunteersTrainingsNeedCecRightsAndAreLeftOutWhenTheLedgerCannotSay() {
        LedgerStandIn.cecAvailable(24_000);
        given().auth().oauth2(holder).queryParam("eligibleFor", "me").queryParam("organisation", SearchData.SIRET)
                .queryParam("kind", "CEC_VOLUNTEER").get("/api/catalogue/offers").then().statusCode(200)
                .body("eligibility.cecRights", equalTo("YES")).body("totalItems", equalTo(1))
                .body("items[0].title", equalTo(Eligible.VOLUNTEERS));
        LedgerStandIn.cecAvailable(0);
        assertEquals(6, titles(holder).size());
        LedgerStandIn.answer(503, "");
        given().auth().oauth2(holder).queryParam("eligibleFor", "me").queryParam("organisation", SearchData.SIRET)
                .get("/api/catalogue/offers").then().statusCode(200)
                .body("eligibility.cecRights", equalTo("UNKNOWN")).body("totalItems", equalTo(6));
    }

    @Test
    void anOrganisationWithoutQualiopiHasNoEligibleOffer() {
        String org = Tokens.forClient("demo-training-org");
        given().auth().oauth2(org).contentType(ContentType.JSON)
                .body(Map.of("name", "Formations du Littoral", "street", "12 quai de la Fosse", "postcode", "44000",
                        "city", "Nantes"))
                .put("/api/catalogue/organisations/" + SearchData.SIRET).then().statusCode(200);
        assertEquals(0, titles(holder).size());
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + data.offerIds().get(SearchData.WEB_NANTES)
                + "/eligibility").then().statusCode(200)
                .body("eligible", equalTo(false)).body("reasons.code", equalTo(List.of("NO_QUALITY_CERTIFICATION")));
        // Public browsing still shows them.
        given().queryParam("organisation", SearchData.SIRET).get("/api/catalogue/offers").then().statusCode(200)
                .body("totalItems", equalTo(8));
    }

    @Test
    void oneOffersEligibilitySaysWhyNotAndAgreesWithTheSearch() {
        Map<String, String> ids = data.offerIds();
        LedgerStandIn.cecAvailable(0);
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(SearchData.WEB_NANTES) + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(true)).body("kind", equalTo("RNCP")).body("cecOnly", equalTo(false))
                .body("reasons", org.hamcrest.Matchers.empty())
                .body("eligibility.byRegister", equalTo(true));
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(Eligible.AIDE) + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(false)).body("reasons[0].code", equalTo("NOT_REGISTERED"));
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(Eligible.VOLUNTEERS) + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(false)).body("kind", equalTo("CEC_VOLUNTEER"))
                .body("cecOnly", equalTo(true))
                .body("reasons.code", equalTo(List.of("CEC_RIGHTS_REQUIRED")))
                .body("reasons[0].message", org.hamcrest.Matchers.containsString("CEC"))
                .body("eligibility.cecRights", equalTo("NO"));
        LedgerStandIn.cecAvailable(24_000);
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(Eligible.VOLUNTEERS) + "/eligibility")
                .then().statusCode(200).body("eligible", equalTo(true)).body("cecOnly", equalTo(true));
        LedgerStandIn.answer(503, "");
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(Eligible.VOLUNTEERS) + "/eligibility")
                .then().statusCode(200).body("reasons[0].code", equalTo("CEC_RIGHTS_UNKNOWN"));

        // Withdrawn: still readable, no longer for sale.
        String org = Tokens.forClient("demo-training-org");
        given().auth().oauth2(org).post("/api/catalogue/offers/" + ids.get(SearchData.BILAN) + "/withdrawal").then()
                .statusCode(200);
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + ids.get(SearchData.BILAN) + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(false)).body("reasons.code", equalTo(List.of("OFFER_WITHDRAWN")))
                .body("offerId", equalTo(ids.get(SearchData.BILAN)));

        // A holder's question only, about an offer that exists.
        given().get("/api/catalogue/offers/" + ids.get(SearchData.WEB_NANTES) + "/eligibility").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.forClient("demo-employer"))
                .get("/api/catalogue/offers/" + ids.get(SearchData.WEB_NANTES) + "/eligibility").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + java.util.UUID.randomUUID() + "/eligibility")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
