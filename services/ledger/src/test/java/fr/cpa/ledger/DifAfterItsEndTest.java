package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/** On today's date the DIF's period of use is over: entering DIF hours is refused, saying until when it was open. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DifAfterItsEndTest {

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    @Test
    void difHoursCanNoLongerBeEntered() {
        TestHolders.TestHolder holder = TestHolders.fresh(LocalDate.of(1975, 3, 2));
        DifTest.put(holder, "20", DifTest.PDF, "attestation.pdf").statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:dif-period-over"))
                .body("detail", containsString("until 30/06/2021 (ordonnance 2019-861 ; loi 2020-1379)"))
                .body("detail", containsString("used without a deadline"));
        given().auth().oauth2(holder.token()).get("/api/ledger/me/dif").then().statusCode(404);
        given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts/cpf/entries").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/ledger/me/dif").then().statusCode(403);
    }
}
