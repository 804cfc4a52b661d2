package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import fr.cpa.ledger.domain.TopUps;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/** Funders top up a person's CPF once per Idempotency-Key; an employer only a person it declared. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TopUpTest {

    @Inject
    PersonKeys personKeys;

    @Inject
    DataSource dataSource;

    @Inject
    TopUps topUps;

    private static Map<String, Object> topUp(String nir, long amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("nir", nir);
        body.put("amount", amount);
        body.put("purpose", "Titre professionnel de soudeur");
        return body;
    }

    private static Response post(String token, Object body, String key, String query) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/ledger/top-ups" + query);
    }

    @Test
    void aFunderTopsUpOnceHowEverOftenItRetriesAndOnlyItsOrganisationReadsItBack() {
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        String nir = TestNirs.fresh();
        String personKey = personKeys.of(Nir.parse(nir));
        Map<String, Object> body = topUp(nir, 50_000);
        UUID application = UUID.randomUUID();
        body.put("applicationId", application.toString());
        String key = UUID.randomUUID().toString();

        String id = post(funder, body, key, "").then().statusCode(201)
                .header("Location", containsString("/api/ledger/top-ups/"))
                .body("amount", equalTo(50_000))
                .body("funderType", equalTo("REGION"))
                .body("funderName", equalTo("Région Occitanie"))
                .body("applicationId", equalTo(application.toString()))
                .body("used", equalTo(0))
                .body("returned", equalTo(0))
                .body(not(containsString(nir)))
                .extract().path("id");
        post(funder, body, key, "").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));

        LedgerState state = new LedgerState(dataSource);
        LedgerState.Totals cpf = state.of(personKey, "CPF");
        assertEquals(new LedgerState.Totals("EURO_CENTS", 50_000, 0, 50_000, 50_000), cpf,
                "credited once, apart as a top-up, earmarked for its application");
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry e JOIN account a ON a.id = e.account_id
                WHERE a.person_key = ? AND e.kind = 'TOP_UP'
                AND e.explanation = 'Abondement de 500 € par Région Occitanie : Titre professionnel de soudeur'
                AND e.inputs->>'funderType' = 'REGION'""", personKey));
        state.assertConsistent(personKey);

        given().auth().oauth2(funder).get("/api/ledger/top-ups/" + id).then().statusCode(200)
                .body("purpose", equalTo("Titre professionnel de soudeur"));
        // Another client of the same region shares its top-ups; another funder's organisation never does.
        given().auth().oauth2(Tokens.forClient("demo-funder-desk")).get("/api/ledger/top-ups/" + id).then()
                .statusCode(200).body("amount", equalTo(50_000));
        given().auth().oauth2(Tokens.forClient(DemoLogins.OTHER_FUNDER_CLIENT)).get("/api/ledger/top-ups/" + id)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forClient("demo-cec-certifier")).get("/api/ledger/top-ups/" + id).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/ledger/top-ups/" + id).then()
                .statusCode(404);
        post(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD), body,
                UUID.randomUUID().toString(), "").then().statusCode(403);
    }

    @Test
    void aDryRunSaysOnlyWhetherATopUpWouldBeAcceptedAndWritesNothing() {
        String funder = Tokens.forClient(DemoLogins.OTHER_FUNDER_CLIENT);
        String nir = TestNirs.fresh();
        String personKey = personKeys.of(Nir.parse(nir));
        post(funder, topUp(nir, 30_000), UUID.randomUUID().toString(), "?dryRun=true").then()
                .statusCode(200)
                .body("accepted", equalTo(true))
                .body("refusal", nullValue())
                .body("$", not(hasKey("balanceBefore")));
        LedgerState state = new LedgerState(dataSource);
        assertEquals(0, state.countAccounts(personKey), "not even the accounts were opened");

        post(funder, topUp(nir, 30_000), UUID.randomUUID().toString(), "").then().statusCode(201)
                .body("funderType", equalTo("FRANCE_TRAVAIL"));
        String answer = post(funder, topUp(nir, 10_000), UUID.randomUUID().toString(), "?dryRun=true").then()
                .statusCode(200).body("accepted", equalTo(true)).extract().asString();
        assertEquals(Set.of("accepted", "refusal", "reason"), fieldNames(answer),
                "nothing about the person's accounts: " + answer);
        assertEquals(30_000, state.of(personKey, "CPF").balance());
        state.assertConsistent(personKey);
    }

    @Test
    void aRefusalDoesNotTellADeathFromAnAccountInHours() {
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        String dead = TestNirs.fresh();
        post(funder, topUp(dead, 1_000), UUID.randomUUID().toString(), "").then().statusCode(201);
        String deadKey = personKeys.of(Nir.parse(dead));
        new LedgerState(dataSource).execute("UPDATE account SET closed_on = current_date WHERE person_key = ?",
                deadKey);
        String inHours = TestNirs.fresh();
        given().auth().oauth2(Tokens.forClient(DemoLogins.EMPLOYER_CLIENT)).contentType(ContentType.JSON)
                .body(Map.of("nir", inHours, "year", 2018, "hoursWorked", 1607, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of()))
                .post("/api/ledger/declarations").then().statusCode(201);

        for (String nir : List.of(dead, inHours)) {
            post(funder, topUp(nir, 1_000), UUID.randomUUID().toString(), "?dryRun=true").then().statusCode(200)
                    .body("accepted", equalTo(false))
                    .body("refusal", equalTo("CPF_NOT_OPEN_TO_TOP_UPS"))
                    .body("reason", equalTo("The person's CPF cannot take a top-up now."));
            post(funder, topUp(nir, 1_000), UUID.randomUUID().toString(), "").then().statusCode(409)
                    .body("detail", equalTo("The person's CPF cannot take a top-up now."));
        }
    }

    @Test
    void theFundersTypeAndNameComeFromItsClientNeverFromTheBody() {
        for (Map.Entry<String, String> pose : Map.of("funderType", "STATE", "funderName", "L'État").entrySet()) {
            Map<String, Object> posing = topUp(TestNirs.fresh(), 1_000);
            posing.put(pose.getKey(), pose.getValue());
            post(Tokens.forClient(DemoLogins.FUNDER_CLIENT), posing, UUID.randomUUID().toString(), "").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(pose.getKey()));
        }
        // A CEC certifier has the funder role but no funder type in its client: it tops up no one.
        post(Tokens.forClient("demo-cec-certifier"), topUp(TestNirs.fresh(), 1_000), UUID.randomUUID().toString(),
                "").then().statusCode(403).contentType("application/problem+json");
        post(Tokens.forClient("demo-cec-certifier"), topUp(TestNirs.fresh(), 1_000), UUID.randomUUID().toString(),
                "?dryRun=true").then().statusCode(403);
    }

    @Test
    void anEmployerTopsUpOnlyAPersonItDeclared() {
        String employer = Tokens.forClient("demo-employer");
        String nir = TestNirs.fresh();
        post(employer, topUp(nir, 20_000), UUID.randomUUID().toString(), "").then().statusCode(404)
                .contentType("application/problem+json")
                .body(not(containsString(nir)));

        given().auth().oauth2(employer).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", 2024, "hoursWorked", 1607, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of()))
                .post("/api/ledger/declarations").then().statusCode(201);
        post(employer, topUp(nir, 20_000), UUID.randomUUID().toString(), "").then().statusCode(201)
                .body("funderType", equalTo("EMPLOYER"))
                .body("funderName", equalTo("Transports Ligériens"));
        assertEquals(20_000, new LedgerState(dataSource).of(personKeys.of(Nir.parse(nir)), "CPF").toppedUp());

        // Another employer never declared them: not found, and nothing is said of the person.
        post(Tokens.forClient("demo-employer-2"), topUp(nir, 20_000), UUID.randomUUID().toString(), "")
                .then().statusCode(404);
        post(Tokens.forClient("demo-employer-2"), topUp(nir, 20_000), UUID.randomUUID().toString(), "?dryRun=true")
                .then().statusCode(404);
    }

    // L. 6323-13, R. 6323-3: the corrective top-up is a fixed sum, a funder type of its own, the holder's to keep.
    @Test
    void anEmployerOwesItsCorrectiveTopUpInFullForNoApplication() {
        String employer = Tokens.forClient("demo-employer");
        String nir = TestNirs.fresh();
        String personKey = personKeys.of(Nir.parse(nir));
        given().auth().oauth2(employer).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", 2025, "hoursWorked", 1607, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of()))
                .post("/api/ledger/declarations").then().statusCode(201);
        Map<String, Object> corrective = topUp(nir, 300_000);
        corrective.put("corrective", true);
        corrective.put("purpose", "Entretiens professionnels non tenus");

        Map<String, Object> wrongAmount = new HashMap<>(corrective);
        wrongAmount.put("amount", 100_000);
        post(employer, wrongAmount, UUID.randomUUID().toString(), "").then().statusCode(400)
                .body("errors[0].field", equalTo("amount")).body("errors[0].reason", containsString("3 000 €"));
        Map<String, Object> forApplication = new HashMap<>(corrective);
        forApplication.put("applicationId", UUID.randomUUID().toString());
        post(employer, forApplication, UUID.randomUUID().toString(), "").then().statusCode(400)
                .body("errors[0].field", equalTo("applicationId"));
        post(Tokens.forClient(DemoLogins.FUNDER_CLIENT), corrective, UUID.randomUUID().toString(), "").then()
                .statusCode(403);

        post(employer, corrective, UUID.randomUUID().toString(), "").then().statusCode(201)
                .body("funderType", equalTo("EMPLOYER_CORRECTIVE"))
                .body("returnsUnused", equalTo(false))
                .body("lapsesOn", nullValue());
        LedgerState state = new LedgerState(dataSource);
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry e JOIN account a ON a.id = e.account_id
                WHERE a.person_key = ? AND e.kind = 'TOP_UP' AND e.amount = 300000
                AND e.explanation = 'Abondement correctif de 3 000 € par Transports Ligériens : entretiens '
                    || 'professionnels non tenus sur 8 ans (L. 6323-13, R. 6323-3 ; L. 6315-1, loi 2025-989)'""",
                personKey));
        state.assertConsistent(personKey);
    }

    // Décret 2025-341: a funder may set a last day on its top-up, and choose whether what is unused comes back to it.
    @Test
    void aTopUpThatLapsesGoesBackToItsFunderOrStaysWithTheHolderAsTheFunderChose() {
        String funder = Tokens.forClient(DemoLogins.FUNDER_CLIENT);
        String nir = TestNirs.fresh();
        String personKey = personKeys.of(Nir.parse(nir));
        LocalDate lastDay = LocalDate.now().plusDays(30);

        Map<String, Object> past = topUp(nir, 10_000);
        past.put("lapsesOn", LocalDate.now().toString());
        post(funder, past, UUID.randomUUID().toString(), "").then().statusCode(400)
                .body("errors[0].field", equalTo("lapsesOn"));

        // Earmarked for an application, lapsing, returned: all of it back to the region after its last day.
        Map<String, Object> earmarked = topUp(nir, 40_000);
        earmarked.put("applicationId", UUID.randomUUID().toString());
        earmarked.put("lapsesOn", lastDay.toString());
        String returned = post(funder, earmarked, UUID.randomUUID().toString(), "").then().statusCode(201)
                .body("lapsesOn", equalTo(lastDay.toString())).body("returnsUnused", equalTo(true))
                .extract().path("id");
        // Tied to no application, lapsing, left to the holder: it becomes their own rights.
        Map<String, Object> left = topUp(nir, 25_000);
        left.put("lapsesOn", lastDay.toString());
        left.put("unusedReturnsToFunder", false);
        String kept = post(funder, left, UUID.randomUUID().toString(), "").then().statusCode(201)
                .body("returnsUnused", equalTo(false)).extract().path("id");
        LedgerState state = new LedgerState(dataSource);
        assertEquals(new LedgerState.Totals("EURO_CENTS", 65_000, 0, 65_000, 40_000), state.of(personKey, "CPF"));

        // On the last day nothing lapses; the day after, both do, once however often the job runs.
        topUps.lapse(lastDay);
        assertEquals(65_000, state.of(personKey, "CPF").toppedUp());
        TopUps.Lapses lapses = topUps.lapse(lastDay.plusDays(1));
        assertTrue(lapses.returned() >= 40_000 && lapses.kept() >= 25_000, lapses.toString());
        topUps.lapse(lastDay.plusDays(2));
        assertEquals(new LedgerState.Totals("EURO_CENTS", 25_000, 0, 0, 0), state.of(personKey, "CPF"),
                "the region's money went back, the rest is the holder's own");
        given().auth().oauth2(funder).get("/api/ledger/top-ups/" + returned).then().statusCode(200)
                .body("returned", equalTo(40_000)).body("kept", equalTo(0));
        given().auth().oauth2(funder).get("/api/ledger/top-ups/" + kept).then().statusCode(200)
                .body("returned", equalTo(0)).body("kept", equalTo(25_000));
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry e JOIN account a ON a.id = e.account_id
                WHERE a.person_key = ? AND e.kind = 'TOP_UP_RETURN' AND e.amount = -40000
                AND e.explanation LIKE 'Abondement arrivé à échéance le %rendus à Région Occitanie'""", personKey));
        state.assertConsistent(personKey);
    }

    @Test
    void badTopUpsAreRefusedFieldByFieldWithoutQuotingTheNir() {
        String funder = Tokens.forClient("demo-funder");
        String bad = TestNirs.fresh().substring(0, 13) + "00";
        Map<String, Object> body = topUp(bad, 0);
        body.remove("purpose");
        post(funder, body, UUID.randomUUID().toString(), "").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("nir", "amount", "purpose"))
                .body(not(containsString(bad.substring(0, 13))));
        post(funder, topUp(TestNirs.fresh(), 100_000_000), UUID.randomUUID().toString(), "").then()
                .statusCode(400)
                .body("errors.field", hasItem("amount"));
        given().auth().oauth2(funder).contentType(ContentType.JSON).body(topUp(TestNirs.fresh(), 100))
                .post("/api/ledger/top-ups").then().statusCode(400)
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    private static Set<String> fieldNames(String json) {
        try {
            Set<String> names = new java.util.TreeSet<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames().forEachRemaining(names::add);
            return names;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
