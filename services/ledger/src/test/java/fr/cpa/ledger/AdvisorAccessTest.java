package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import fr.cpa.platform.testing.IdentityService;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * An advisor reads a holder's accounts only under the holder's live consent, checked with the real identity service:
 * the holder registers and grants through identity, whose HolderRegistered links the ledger accounts.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(value = IdentityService.class, restrictToAnnotatedClass = true)
class AdvisorAccessTest {

    private static final String ADVISOR = "demo-advisor";

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    private static io.restassured.specification.RequestSpecification identity() {
        return given().baseUri(IdentityService.process().url());
    }

    @Test
    void anAdvisorReadsAHoldersAccountsOnlyWhileTheHolderConsents() {
        IdentityService.Registered holder = IdentityService.register("Camille");
        TestHolders.awaitLinked(holder.id());
        String advisor = Tokens.forClient(ADVISOR);

        accounts(advisor, holder.id()).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:no-consent"));

        String consent = identity().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body(Map.of("advisor", ADVISOR, "scopes", List.of("rights"), "durationDays", 30))
                .post("/api/identity/me/consents").then().statusCode(201).extract().path("id");
        accounts(advisor, holder.id()).statusCode(200).body("$", hasSize(3))
                .body("kind", equalTo(List.of("CEC", "CPF", "CPP")))
                .body("find { it.kind == 'CPF' }.ceiling.amount", equalTo(500000));
        given().auth().oauth2(advisor).get("/api/ledger/holders/" + holder.id() + "/accounts/cpf/entries").then()
                .statusCode(200).body("$", hasSize(0));

        // The consent covers this holder only, for advisors only.
        TestHolders.TestHolder other = TestHolders.fresh(LocalDate.of(1990, 2, 3));
        accounts(advisor, other.id()).statusCode(403);
        accounts(holder.token(), holder.id()).statusCode(403);
        accounts(Tokens.forClient("demo-employer"), holder.id()).statusCode(403);

        identity().auth().oauth2(holder.token()).delete("/api/identity/me/consents/" + consent).then().statusCode(200);
        accounts(advisor, holder.id()).statusCode(403).body("type", equalTo("urn:cpa:problem:no-consent"));

        // Identity logged every check under the advisor's own name: the ledger forwarded the advisor's token.
        identity().auth().oauth2(holder.token()).get("/api/identity/me/access-log?size=10").then().statusCode(200)
                .body("totalItems", equalTo(4))
                .body("items.granted", equalTo(List.of(false, true, true, false)))
                .body("items[0].advisor", equalTo(ADVISOR))
                .body("items[1].resource", equalTo("GET /api/ledger/holders/{holderId}/accounts/{kind}/entries"));

        // Without identity, nobody's consent can be checked: 503, never a 500 nor a leak.
        IdentityService.process().close();
        accounts(advisor, holder.id()).statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:service-unavailable"));
    }

    private static ValidatableResponse accounts(String token, UUID holderId) {
        return given().auth().oauth2(token).get("/api/ledger/holders/" + holderId + "/accounts").then();
    }
}
