package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.EntryKind;
import fr.cpa.ledger.domain.Journal;
import fr.cpa.ledger.domain.NewEntry;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.testing.LocalStackResource;

/**
 * CPP points used for training become euros on the CPF (today: €500 a point), as a linked pair of entries, once per
 * idempotency key; other uses are not the CPF's and are refused with what the holder could give them.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CppConversionTest {

    @Inject
    Accounts accounts;

    @Inject
    Journal journal;

    @Inject
    DataSource dataSource;

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    @Test
    void pointsForTrainingBecomeEurosOnTheCpfOnce() throws Exception {
        // Born in 1985: the first 20 points of the career are reserved for training.
        TestHolders.TestHolder holder = TestHolders.fresh(LocalDate.of(1985, 6, 12));
        UUID cpp = QuarkusTransaction.requiringNew().call(() -> accounts.open(holder.personKey()).get(AccountKind.CPP));
        QuarkusTransaction.requiringNew().run(() -> journal.append(NewEntry.of(
                UUID.nameUUIDFromBytes((cpp + "/points").getBytes(StandardCharsets.UTF_8)), cpp, EntryKind.YEARLY_CREDIT,
                30, Unit.POINTS, LocalDate.of(2024, 12, 31), "cpp.points", 2024, "30 points de test", Map.of())));

        String key = UUID.randomUUID().toString();
        convert(holder, key, Map.of("points", 10, "use", "training")).statusCode(201)
                .body("points", equalTo(10))
                .body("amount", equalTo(500000))
                .body("unit", equalTo("EURO_CENTS"))
                .body("pointValue", equalTo(50000))
                .body("reservedForTraining", equalTo(20))
                .body("reservedRemaining", equalTo(10))
                .body("explanation", containsString("10 points du CPP utilisés pour la formation : 5 000 € sur le CPF"));
        // A retry with the same key answers the same, and moves nothing again.
        convert(holder, key, Map.of("points", 10, "use", "training")).statusCode(201)
                .header("Idempotent-Replayed", "true").body("amount", equalTo(500000));
        mine(holder).body("find { it.kind == 'CPP' }.balance", equalTo(20))
                .body("find { it.kind == 'CPF' }.balance", equalTo(500000))
                .body("find { it.kind == 'CPF' }.unit", equalTo("EURO_CENTS"));

        // The pair is linked both ways, each half explained.
        String out = given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts/cpp/entries").then()
                .statusCode(200).body("[1].kind", equalTo("CPP_CONVERSION")).body("[1].amount", equalTo(-10))
                .extract().path("[1].id");
        given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts/cpf/entries").then().statusCode(200)
                .body("[0].kind", equalTo("CPP_CONVERSION"))
                .body("[0].amount", equalTo(500000))
                .body("[0].linkedEntryId", equalTo(out))
                .body("[0].inputs.pointValueSource", containsString("décret n° 2023-760"));

        // 20 points left, 10 of them still reserved for training: 10 for part-time work, early retirement or a
        // reconversion project, which the pension fund handles, not the CPF; 10 points buy 4 months of half time
        // since 1 September 2023 (R. 4163-11).
        convert(holder, UUID.randomUUID().toString(), Map.of("points", 5, "use", "part-time")).statusCode(422)
                .body("detail", containsString("10 points of yours are available"))
                .body("detail", containsString("4 months of half time with kept pay (10 points = 4 months, R. 4163-11"))
                .body("detail", containsString("or 1 quarter of early retirement (10 points = 1 quarter, R. 4163-11)"))
                .body("errors[0].field", equalTo("use"));
        convert(holder, UUID.randomUUID().toString(), Map.of("points", 5, "use", "reconversion")).statusCode(422)
                .body("detail", containsString("pension fund"));
        convert(holder, UUID.randomUUID().toString(), Map.of("points", 25, "use", "training")).statusCode(422)
                .body("type", equalTo("urn:cpa:problem:insufficient-points"));
        convert(holder, UUID.randomUUID().toString(), Map.of("points", 0, "use", "training")).statusCode(400)
                .body("errors[0].field", equalTo("points"));
        convert(holder, UUID.randomUUID().toString(), Map.of("points", 1, "use", "holidays")).statusCode(400)
                .body("errors[0].field", equalTo("use"));
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON).body(Map.of("points", 1, "use", "training"))
                .post("/api/ledger/me/cpp/conversions").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        mine(holder).body("find { it.kind == 'CPP' }.balance", equalTo(20));
        assertEquals(List.of(), TestHolders.unbalanced(dataSource, holder.personKey()));

        // Another holder converts from their own CPP, which has nothing.
        TestHolders.TestHolder other = TestHolders.fresh(LocalDate.of(1990, 1, 5));
        convert(other, UUID.randomUUID().toString(), Map.of("points", 1, "use", "training")).statusCode(422)
                .body("type", equalTo("urn:cpa:problem:insufficient-points"));
        mine(holder).body("find { it.kind == 'CPP' }.balance", equalTo(20));
    }

    private static ValidatableResponse convert(TestHolders.TestHolder holder, String key, Map<String, Object> body) {
        return given().auth().oauth2(holder.token()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/ledger/me/cpp/conversions").then();
    }

    private static ValidatableResponse mine(TestHolders.TestHolder holder) {
        return given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts").then().statusCode(200);
    }
}
