package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/**
 * Civic-engagement activities are declared by the body that certifies them (only its own activity) or an operator,
 * replaced by the same body's later declaration, and read back by their declarer or an operator only.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CecDeclarationTest {

    private static final String DECLARATIONS = "/api/ledger/cec-declarations";

    @Inject
    DataSource dataSource;

    @Inject
    PersonKeys personKeys;

    private static Map<String, Object> declaration(String nir, String activity, Object measure) {
        Map<String, Object> body = new HashMap<>();
        body.put("nir", nir);
        body.put("year", 2024);
        body.put("activity", activity);
        body.put("measure", measure);
        return body;
    }

    @Test
    void theCertifierDeclaresItsActivityThenReplacesItAndOnlyItOrAnOperatorReadsIt() {
        String certifier = Tokens.forClient("demo-cec-certifier");
        String nir = TestNirs.bornIn(1990, 3);
        String id = given().auth().oauth2(certifier).contentType(ContentType.JSON)
                .body(declaration(nir, "SERVICE_CIVIQUE", 6)).post(DECLARATIONS).then().statusCode(201)
                .body("declarer", equalTo("agence-service-civique"))
                .body("activity", equalTo("SERVICE_CIVIQUE"))
                .body("measure", equalTo(6))
                .body("measureUnit", equalTo("MONTHS"))
                .body("secondMeasureUnit", nullValue())
                .body("revision", equalTo(1))
                .body(not(containsString(nir.substring(0, 13))))
                .extract().path("id");

        given().auth().oauth2(certifier).contentType(ContentType.JSON)
                .body(declaration(nir, "SERVICE_CIVIQUE", 9)).post(DECLARATIONS).then().statusCode(200)
                .body("id", equalTo(id))
                .body("measure", equalTo(9))
                .body("revision", equalTo(2));

        // The person's accounts are open, with the birth month of the NIR (March 1990).
        assertEquals(List.of(LocalDate.of(1990, 3, 1), LocalDate.of(1990, 3, 1), LocalDate.of(1990, 3, 1)),
                birthDatesOfAccounts(nir));

        given().auth().oauth2(certifier).get(DECLARATIONS + "/" + id).then().statusCode(200)
                .body("measure", equalTo(9));
        given().auth().oauth2(Tokens.forClient("demo-operator")).get(DECLARATIONS + "/" + id).then()
                .statusCode(200);
        given().auth().oauth2(Tokens.forClient("demo-funder")).get(DECLARATIONS + "/" + id).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBodyDeclaresOnlyTheActivityItCertifies() {
        given().auth().oauth2(Tokens.forClient("demo-cec-certifier")).contentType(ContentType.JSON)
                .body(declaration(TestNirs.fresh(), "RESERVE_MILITAIRE", 90)).post(DECLARATIONS).then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("SERVICE_CIVIQUE"));
        given().auth().oauth2(Tokens.forClient("demo-funder")).contentType(ContentType.JSON)
                .body(declaration(TestNirs.fresh(), "SERVICE_CIVIQUE", 6)).post(DECLARATIONS).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(declaration(TestNirs.fresh(), "SERVICE_CIVIQUE", 6)).post(DECLARATIONS).then()
                .statusCode(403);
    }

    @Test
    void anOperatorDeclaresAnyActivityAndVolunteeringIsInHours() {
        Map<String, Object> volunteering = declaration(TestNirs.fresh(), "BENEVOLAT_ASSOCIATIF", 250.5);
        volunteering.put("secondMeasure", 120);
        given().auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON)
                .body(volunteering).post(DECLARATIONS).then().statusCode(201)
                .body("declarer", equalTo("demo-operator"))
                .body("measure", equalTo(15030))
                .body("measureUnit", equalTo("MINUTES"))
                .body("secondMeasure", equalTo(7200))
                .body("secondMeasureUnit", equalTo("MINUTES"));
    }

    @Test
    void invalidFieldsAreNamed() {
        String bad = TestNirs.fresh().substring(0, 13) + "00";
        Map<String, Object> body = declaration(bad, "SERVICE_CIVIQUE", 30);
        body.put("year", 2016);
        body.put("secondMeasure", 2);
        given().auth().oauth2(Tokens.forClient("demo-cec-certifier")).contentType(ContentType.JSON).body(body)
                .post(DECLARATIONS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("nir", "year", "measure", "secondMeasure")))
                .body(not(containsString(bad.substring(0, 13))));

        Map<String, Object> volunteering = declaration(TestNirs.fresh(), "BENEVOLAT_ASSOCIATIF", 10.555);
        volunteering.put("secondMeasure", null);
        given().auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON).body(volunteering)
                .post(DECLARATIONS).then().statusCode(400)
                .body("errors.field", hasItems("measure", "secondMeasure"));
        Map<String, Object> more = declaration(TestNirs.fresh(), "BENEVOLAT_ASSOCIATIF", 100);
        more.put("secondMeasure", 150);
        given().auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON).body(more)
                .post(DECLARATIONS).then().statusCode(400)
                .body("errors.field", equalTo(List.of("secondMeasure")));
        given().auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON)
                .body(declaration(TestNirs.fresh(), "GARDENING", 1)).post(DECLARATIONS).then().statusCode(400)
                .body("errors.field", hasItems("activity"));
    }

    private List<LocalDate> birthDatesOfAccounts(String nir) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT birth_date FROM account WHERE person_key = ?")) {
            select.setString(1, personKeys.of(Nir.parse(nir)));
            List<LocalDate> dates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dates.add(rows.getObject(1, LocalDate.class));
                }
            }
            return dates;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
