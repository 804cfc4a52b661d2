package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Mailbox;
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
    private static final String PASSWORD = "Sesame-2026-Abc";
    private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    /** A holder registered through identity: the form, the mailed link, a login with their NIR. */
    private record Registered(UUID id, String token) {
    }

    private static Registered register() {
        String nir = TestNirs.bornIn(1985, 6);
        String letters = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("\\d", "");
        String email = "t-" + UUID.randomUUID() + "@test.cpa.localhost";
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("nir", nir);
        form.put("givenNames", "Camille");
        form.put("birthName", "Conseil-" + Character.toUpperCase(letters.charAt(0)) + letters.substring(1) + "x");
        form.put("birthDate", "1985-06-12");
        form.put("email", email);
        form.put("emailConfirmation", email);
        form.put("mobilePhone", "06 12 34 56 78");
        form.put("password", PASSWORD);
        form.put("termsAccepted", true);
        form.put("termsVersion", "2026-01");
        identity().contentType(ContentType.JSON).body(form).post("/api/identity/registrations").then().statusCode(202);
        Matcher link = LINK_TOKEN.matcher(Mailbox.await(email, m -> m.subject().startsWith("Validez"),
                Duration.ofSeconds(30)).text());
        if (!link.find()) {
            throw new AssertionError("no validation link in the mail");
        }
        String id = identity().contentType(ContentType.JSON).body(Map.of("token", link.group(1)))
                .post("/api/identity/registrations/validations").then().statusCode(200).extract().path("holderId");
        return new Registered(UUID.fromString(id), Tokens.forUser(nir, PASSWORD));
    }

    private static io.restassured.specification.RequestSpecification identity() {
        return given().baseUri(IdentityService.identity.url());
    }

    @Test
    void anAdvisorReadsAHoldersAccountsOnlyWhileTheHolderConsents() {
        Registered holder = register();
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
        IdentityService.identity.close();
        accounts(advisor, holder.id()).statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:service-unavailable"));
    }

    private static ValidatableResponse accounts(String token, UUID holderId) {
        return given().auth().oauth2(token).get("/api/ledger/holders/" + holderId + "/accounts").then();
    }
}
