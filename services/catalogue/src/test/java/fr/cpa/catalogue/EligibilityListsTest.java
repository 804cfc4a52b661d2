package fr.cpa.catalogue;

import static fr.cpa.catalogue.Eligible.sorted;
import static fr.cpa.catalogue.Eligible.titles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * "Eligible for me" on 1 June 2017, when the lists applied (seeds 003): an employee has the national list, their
 * branch's and their region of work's; a job seeker the national list and their region of residence's; a person in
 * CSP both, and the branch they left. Special kinds count for everyone.
 */
@QuarkusTest
@TestProfile(EligibilityListsTest.In2017.class)
@QuarkusTestResource(LocalStackResource.class)
class EligibilityListsTest {

    public static class In2017 extends Eligible.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("cpa.clock.today", "2017-06-01");
            return config;
        }
    }

    @Inject
    DataSource dataSource;

    // On 1 June 2017 no Qualiopi certification existed (required from 2022), and none can be dated after today.
    private final SearchData data = new SearchData(null);
    private String holder;

    @BeforeEach
    void publishAndList() {
        Eligible.publish(dataSource, data);
        Db db = new Db(dataSource);
        // The lists of 2015–2018: national for the web developer, the branch 1486's for the reception agent, the
        // region 32's for job seekers (educator) and for employees (the certification no longer in force today).
        db.execute("""
                INSERT INTO certification_eligibility (certification_code, list, idcc, region_code, audience,
                    valid_from, valid_until) VALUES
                    ('RNCP31114', 'NATIONAL', NULL, NULL, 'ALL', '2015-01-01', '2018-12-31'),
                    ('RNCP34001', 'BRANCH', '1486', NULL, 'ALL', '2015-01-01', '2018-12-31'),
                    ('RNCP34827', 'REGIONAL', NULL, '32', 'JOB_SEEKERS', '2015-01-01', '2018-12-31'),
                    (?, 'REGIONAL', NULL, '32', 'EMPLOYEES', '2015-01-01', '2018-12-31')
                ON CONFLICT DO NOTHING""", Eligible.INACTIVE_CERTIFICATION);
        holder = Tokens.forUser(DemoLogins.HOLDER2_USERNAME, DemoLogins.HOLDER2_PASSWORD);
        LedgerStandIn.answer(404, "");
    }

    @Test
    void anEmployeeHasTheNationalListTheirBranchsAndTheirRegionOfWorks() {
        Eligible.situation(dataSource, holder, "EMPLOYEE", "32", "11", "1486");
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.ACCUEIL_PARIS,
                SearchData.ACCUEIL_LYON, Eligible.AIDE, SearchData.BILAN), titles(holder));
        given().auth().oauth2(holder).queryParam("eligibleFor", "me").get("/api/catalogue/offers").then()
                .statusCode(200).body("eligibility.byLists", equalTo(true))
                .body("eligibility.byRegister", equalTo(false))
                .body("eligibility.qualityCertificationRequired", equalTo(false))
                .body("eligibility.on", equalTo("2017-06-01"));
        // Another branch and region: the national list and the special kinds only.
        Eligible.situation(dataSource, holder, "EMPLOYEE", "84", "84", "3248");
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.BILAN), titles(holder));
        // One offer at a time: the same verdicts, and why not.
        assertEquals(titles(holder), Eligible.eligibleOneByOne(holder, data.offerIds()));
        given().auth().oauth2(holder).get("/api/catalogue/offers/" + data.offerIds().get(SearchData.EDUCATEUR)
                + "/eligibility").then().statusCode(200)
                .body("eligible", equalTo(false)).body("reasons.code", equalTo(List.of("NOT_ON_HOLDER_LISTS")))
                .body("eligibility.on", equalTo("2017-06-01"));
    }

    @Test
    void aJobSeekerHasTheNationalListAndTheirRegionOfResidencesForJobSeekers() {
        Eligible.situation(dataSource, holder, "JOB_SEEKER", "32", "32", "1486");
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.EDUCATEUR, SearchData.BILAN),
                titles(holder));
        assertEquals(titles(holder), Eligible.eligibleOneByOne(holder, data.offerIds()));
    }

    @Test
    void aPersonInCspAlsoHasTheBranchTheyLeft() {
        Eligible.situation(dataSource, holder, "JOB_SEEKER_CSP", null, "32", "1486");
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.EDUCATEUR,
                SearchData.ACCUEIL_PARIS, SearchData.ACCUEIL_LYON, SearchData.BILAN), titles(holder));
        assertEquals(titles(holder), Eligible.eligibleOneByOne(holder, data.offerIds()));
    }

    @Test
    void otherSituationsHaveTheNationalList() {
        Eligible.situation(dataSource, holder, "SELF_EMPLOYED", null, "32", null);
        assertEquals(sorted(SearchData.WEB_NANTES, SearchData.WEB_REMOTE, SearchData.BILAN), titles(holder));
        assertEquals(titles(holder), Eligible.eligibleOneByOne(holder, data.offerIds()));
    }
}
