package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/** An employer declares under its own SIRET only; a later declaration replaces the earlier one. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DeclarationTest {

    @Test
    void aDeclarationIsRecordedThenReplacedAndOnlyItsEmployerSeesIt() {
        String employer = Tokens.forClient("demo-employer");
        String nir = TestNirs.fresh();
        Map<String, Object> declaration = Map.of("nir", nir, "year", 2024, "hoursWorked", 1607,
                "contractType", "PERMANENT", "lowQualified", false,
                "cppExposures", List.of(Map.of("factor", "NIGHT_WORK", "quarter", 1)));
        String id = given().auth().oauth2(employer).contentType(ContentType.JSON).body(declaration)
                .post("/api/ledger/declarations").then().statusCode(201)
                .body("revision", equalTo(1))
                .body("minutesWorked", equalTo(1607 * 60))
                .body("referenceMinutes", nullValue())
                .body(not(containsString(nir)))
                .extract().path("id");

        Map<String, Object> corrected = new java.util.HashMap<>(declaration);
        corrected.put("hoursWorked", 803.55);
        given().auth().oauth2(employer).contentType(ContentType.JSON).body(corrected)
                .post("/api/ledger/declarations").then().statusCode(200)
                .body("id", equalTo(id))
                .body("revision", equalTo(2))
                .body("minutesWorked", equalTo(48213)); // 803.55 h = 48 213 min

        given().auth().oauth2(employer).get("/api/ledger/declarations/" + id).then().statusCode(200)
                .body("cppExposures[0].factor", equalTo("NIGHT_WORK"));
        given().auth().oauth2(Tokens.forClient("demo-employer-2")).get("/api/ledger/declarations/" + id)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD))
                .contentType(ContentType.JSON).body(declaration)
                .post("/api/ledger/declarations").then().statusCode(403);
    }

    @Test
    void badDeclarationsAreRefusedFieldByFieldWithoutQuotingTheNir() {
        String bad = TestNirs.fresh().substring(0, 13) + "00";
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(Map.of("nir", bad, "year", 2014, "hoursWorked", 10.555, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of(Map.of("factor", "NIGHT_WORK", "quarter", 5))))
                .post("/api/ledger/declarations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("nir"))
                .body("errors.field", hasItem("year"))
                .body("errors.field", hasItem("hoursWorked"))
                .body("errors.field", hasItem("cppExposures[0].quarter"))
                .body(not(containsString(bad.substring(0, 13))));
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(Map.of("nir", TestNirs.fresh(), "year", 2024, "hoursWorked", 10, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of(Map.of("factor", "BOREDOM", "quarter", 1))))
                .post("/api/ledger/declarations").then().statusCode(400)
                .body("errors.field", hasItem("cppExposures[0].factor"));
    }
}
