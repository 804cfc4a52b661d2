package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.EntryKind;
import fr.cpa.ledger.domain.Journal;
import fr.cpa.ledger.domain.NewEntry;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.ledger.persistence.Account;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.identity.HolderRegistered;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * HolderRegistered links the person's accounts to the holder, once; the holder then reads them and their history,
 * and only theirs.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MyAccountsTest {

    @Inject
    Accounts accounts;

    @Inject
    Journal journal;

    // Fixed, so that reruns on the same database link the same three accounts to the demo holder.
    private static final String HOLDER1_PERSON_KEY = "test-person-key-of-holder1";

    @Test
    void aRegisteredHolderReadsTheirOwnAccountsOnly() {
        String holder1 = Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);
        UUID holderId = UUID.fromString(Tokens.claims(holder1).path("sub").asText());
        EventEnvelope registered = EventEnvelope.of(
                new HolderRegistered(holderId, HOLDER1_PERSON_KEY, LocalDate.of(1985, 5, 14), "ACTIVE"));
        IdentityEvents.publish(registered);
        IdentityEvents.publish(registered); // a redelivery changes nothing
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Account.ofHolder(holderId).size()) == 3);

        given().auth().oauth2(holder1).get("/api/ledger/me/accounts").then().statusCode(200)
                .body("$", hasSize(3))
                .body("kind", equalTo(java.util.List.of("CEC", "CPF", "CPP")))
                .body("find { it.kind == 'CPP' }.unit", equalTo("POINTS"));

        // An entry on the CEC (a fixed id: reruns do not add it again) is read back with its explanation and inputs.
        UUID cec = QuarkusTransaction.requiringNew().call(() -> accounts.open(HOLDER1_PERSON_KEY).get(AccountKind.CEC));
        QuarkusTransaction.requiringNew().run(() -> journal.append(NewEntry.of(
                UUID.nameUUIDFromBytes("test-cec-credit-of-holder1".getBytes(StandardCharsets.UTF_8)), cec,
                EntryKind.YEARLY_CREDIT, 1200, Unit.MINUTES, LocalDate.of(2018, 12, 31), "cec/2018", 2018,
                "20 h au titre de 2018 : service civique", Map.of("activity", "CIVIC_SERVICE"))));
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts/cec/entries?from=2018-01-01&to=2018-12-31")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].amount", equalTo(1200))
                .body("[0].explanation", equalTo("20 h au titre de 2018 : service civique"))
                .body("[0].inputs.activity", equalTo("CIVIC_SERVICE"));
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts/cec/entries?from=2019-01-01").then()
                .statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts/cec/entries?from=2019-01-01&to=2018-01-01")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts/cec/entries?from=yesterday").then().statusCode(400);
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts/dif/entries").then().statusCode(404);
        given().auth().oauth2(holder1).get("/api/ledger/me/accounts").then()
                .body("find { it.kind == 'CEC' }.balance", equalTo(1200));

        // holder2 has no validated registration here: nothing, and certainly not holder1's accounts.
        String holder2 = Tokens.forUser(DemoLogins.HOLDER2_USERNAME, DemoLogins.HOLDER2_PASSWORD);
        given().auth().oauth2(holder2).get("/api/ledger/me/accounts").then().statusCode(404);
        given().auth().oauth2(holder2).get("/api/ledger/me/accounts/cec/entries").then().statusCode(404);
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/ledger/me/accounts").then().statusCode(403);
        given().get("/api/ledger/me/accounts").then().statusCode(401).contentType("application/problem+json");
    }
}
