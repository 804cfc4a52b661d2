package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.LocalStackResource;

/** What the gateway and the operators rely on: readiness, and the endpoints in the OpenAPI document it gathers. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CatalogueServiceTest {

    @Test
    void readyAndDescribed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/catalogue/offers/{id}/withdrawal"))
                .body(containsString("/api/catalogue/offers/{id}/eligibility"))
                .body(containsString("seatsLeft"))
                .body(containsString("Search the offers"))
                .body(containsString("/api/catalogue/certifications/{code}"))
                .body(containsString("/api/catalogue/organisations/{siret}"))
                .body(containsString("/api/catalogue/imports/{id}"));
    }
}
