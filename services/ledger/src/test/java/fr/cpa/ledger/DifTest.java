package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.Reservations;
import fr.cpa.platform.testing.LocalStackResource;

/**
 * DIF hours entered on 15 June 2020, while the DIF was usable and the CPF already in euros: converted at €15 an hour,
 * changed by corrections until first used in a reservation, the justification kept and read back.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestProfile(DifTest.In2020.class)
class DifTest {

    /** The ledger's today is fixed on a day the DIF could still be entered. */
    public static class In2020 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpa.clock.today", "2020-06-15");
        }
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    @Inject
    Accounts accounts;

    @Inject
    Reservations reservations;

    @Inject
    DataSource dataSource;

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    @Test
    void difHoursAreConvertedAndCorrectedUntilFirstUsed() throws Exception {
        TestHolders.TestHolder holder = TestHolders.fresh(LocalDate.of(1975, 3, 2));
        given().auth().oauth2(holder.token()).get("/api/ledger/me/dif").then().statusCode(404);

        put(holder, "85.5", PDF, "attestation.pdf").statusCode(200)
                .body("minutes", equalTo(5130))
                .body("value", equalTo(128250))
                .body("unit", equalTo("EURO_CENTS"))
                .body("revision", equalTo(1))
                .body("justificationType", equalTo("application/pdf"))
                .body("used", equalTo(false));
        entries(holder).body("size()", equalTo(1))
                .body("[0].kind", equalTo("DIF_ENTRY"))
                .body("[0].amount", equalTo(128250))
                .body("[0].effectiveDate", equalTo("2020-06-15"))
                .body("[0].explanation", equalTo(
                        "DIF saisi par le titulaire : 85 h 30 min de DIF converties en 1 282,50 € le 01/01/2019 (15 € par heure)"))
                .body("[0].inputs.rateSource", containsString("2018-1153"));

        // The same figure again changes nothing; another figure is a correction of the difference.
        put(holder, "85.50", PDF, "attestation.pdf").statusCode(200).body("revision", equalTo(1));
        entries(holder).body("size()", equalTo(1));
        put(holder, "100", PNG, "attestation.png").statusCode(200).body("value", equalTo(150000))
                .body("revision", equalTo(2)).body("justificationType", equalTo("image/png"));
        entries(holder).body("size()", equalTo(2)).body("[1].kind", equalTo("CORRECTION"))
                .body("[1].amount", equalTo(21750))
                .body("[1].explanation", containsString("DIF corrigé par le titulaire de 85 h 30 min à 100 h, 217,50 € en plus"));
        byte[] file = given().auth().oauth2(holder.token()).get("/api/ledger/me/dif/justification").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(PNG, file);

        // Wrong figures and files are refused, naming the field.
        put(holder, "120.01", PDF, "a.pdf").statusCode(400).body("errors[0].field", equalTo("hours"))
                .body("errors[0].reason", containsString("120 h"));
        put(holder, "12.345", PDF, "a.pdf").statusCode(400).body("errors[0].field", equalTo("hours"));
        put(holder, "-1", PDF, "a.pdf").statusCode(400).body("errors[0].field", equalTo("hours"));
        // A text file sent as a PDF is recognised by its bytes.
        given().auth().oauth2(holder.token()).multiPart("hours", "10")
                .multiPart("justification", "a.pdf", "not a pdf".getBytes(StandardCharsets.UTF_8), "application/pdf")
                .put("/api/ledger/me/dif").then().statusCode(415).body("errors[0].field", equalTo("justification"));
        byte[] big = Arrays.copyOf(PDF, 5 * 1024 * 1024 + 1);
        put(holder, "10", big, "big.pdf").statusCode(413).body("errors[0].field", equalTo("justification"));
        given().auth().oauth2(holder.token()).multiPart("hours", "10").put("/api/ledger/me/dif").then()
                .statusCode(400).body("errors[0].field", equalTo("justification"));
        given().auth().oauth2(holder.token()).get("/api/ledger/me/dif").then().statusCode(200)
                .body("minutes", equalTo(6000));

        // A reservation opened since the DIF was entered uses it: no more changes. A voided one did not use it.
        UUID cpf = QuarkusTransaction.requiringNew().call(() -> accounts.open(holder.personKey()).get(AccountKind.CPF));
        UUID first = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> reservations.reserve(first, cpf, 50000, "formation de test"));
        put(holder, "90", PDF, "a.pdf").statusCode(409).body("type", equalTo("urn:cpa:problem:dif-used"));
        given().auth().oauth2(holder.token()).get("/api/ledger/me/dif").then().body("used", equalTo(true));
        QuarkusTransaction.requiringNew().run(() -> reservations.voidReservation(first, "formation annulée", Map.of()));
        put(holder, "90", PDF, "a.pdf").statusCode(200).body("value", equalTo(135000)).body("used", equalTo(false));
        UUID second = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            reservations.reserve(second, cpf, 50000, "formation de test");
            reservations.post(second, 50000, "formation suivie", Map.of());
        });
        put(holder, "95", PDF, "a.pdf").statusCode(409);
        given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts").then()
                .body("find { it.kind == 'CPF' }.balance", equalTo(135000 - 50000));
        assertEquals(List.of(), TestHolders.unbalanced(dataSource, holder.personKey()));

        // Another holder has no DIF, and no way to reach this one's.
        TestHolders.TestHolder other = TestHolders.fresh(LocalDate.of(1980, 1, 1));
        given().auth().oauth2(other.token()).get("/api/ledger/me/dif").then().statusCode(404);
        given().auth().oauth2(other.token()).get("/api/ledger/me/dif/justification").then().statusCode(404);
    }

    @Test
    void hoursBeyondADecimalsBoundsAreRefusedBeforeAnyArithmetic() {
        TestHolders.TestHolder holder = TestHolders.fresh(LocalDate.of(1976, 4, 3));
        put(holder, "1e30000000", PDF, "a.pdf").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:validation"))
                .body("errors[0].field", equalTo("hours"))
                .body("errors[0].reason", equalTo("must be a decimal number with an exponent from -9 to 9, if any"));
        put(holder, "-1E-2147483648", PDF, "a.pdf").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("hours"));
        put(holder, "1" + "0".repeat(40), PDF, "a.pdf").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("hours"))
                .body("errors[0].reason", equalTo("must be a decimal number of at most 32 characters"));
        // Within the bounds but more hours than a long holds in hundredths: the DIF's maximum, not an overflow.
        put(holder, "9".repeat(32), PDF, "a.pdf").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("hours"))
                .body("errors[0].reason", containsString("120 h"));
        put(holder, "1,5", PDF, "a.pdf").statusCode(400).body("errors[0].reason", containsString("e.g. 85.5"));
        given().auth().oauth2(holder.token()).get("/api/ledger/me/dif").then().statusCode(404);
    }

    static ValidatableResponse put(TestHolders.TestHolder holder, String hours, byte[] file, String name) {
        return given().auth().oauth2(holder.token()).multiPart("hours", hours)
                .multiPart("justification", name, file, "application/octet-stream")
                .put("/api/ledger/me/dif").then();
    }

    private static ValidatableResponse entries(TestHolders.TestHolder holder) {
        return given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts/cpf/entries").then().statusCode(200);
    }
}
