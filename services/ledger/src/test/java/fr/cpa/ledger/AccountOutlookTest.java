package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/** Ceilings and next credits of the holder's accounts, and the CPF simulation, on today's date and rules. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AccountOutlookTest {

    private static final LocalDate BORN = LocalDate.of(1985, 6, 12);

    @Inject
    PersonKeys personKeys;

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
    void eachAccountAnswersItsCeilingAndItsNextCredit() throws Exception {
        String nir = TestNirs.bornIn(1985, 6);
        TestHolders.TestHolder holder = TestHolders.fresh(personKeys.of(Nir.parse(nir)), BORN);

        // Before any declaration: the ceilings in force today, and no next credit, with the reason.
        mine(holder)
                .body("find { it.kind == 'CPF' }.ceiling.amount", equalTo(500000))
                .body("find { it.kind == 'CPF' }.ceiling.unit", equalTo("EURO_CENTS"))
                .body("find { it.kind == 'CPF' }.ceiling.parameter", equalTo("cpf-euros-ceiling"))
                .body("find { it.kind == 'CPF' }.ceiling.room", equalTo(500000))
                .body("find { it.kind == 'CPF' }.nextCredit.amount", nullValue())
                .body("find { it.kind == 'CPF' }.nextCredit.reason", containsString("aucune déclaration"))
                .body("find { it.kind == 'CEC' }.ceiling.amount", equalTo(72000))
                .body("find { it.kind == 'CEC' }.nextCredit.reason", containsString("aucune activité"))
                .body("find { it.kind == 'CPP' }.ceiling.amount", nullValue())
                .body("find { it.kind == 'CPP' }.ceiling.explanation",
                        equalTo("aucun plafond de carrière depuis le 01/09/2023"));

        // The employer declares 2025: a low-qualified full year, and night work in the first quarter.
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", 2025, "hoursWorked", 1607, "contractType", "PERMANENT",
                        "lowQualified", true, "cppExposures", List.of(Map.of("factor", "NIGHT_WORK", "quarter", 1))))
                .post("/api/ledger/declarations").then().statusCode(201);
        mine(holder)
                .body("find { it.kind == 'CPF' }.ceiling.amount", equalTo(800000))
                .body("find { it.kind == 'CPF' }.ceiling.parameter", equalTo("cpf-euros-ceiling-low-qualified"))
                .body("find { it.kind == 'CPF' }.nextCredit.amount", equalTo(80000))
                .body("find { it.kind == 'CPF' }.nextCredit.unit", equalTo("EURO_CENTS"))
                .body("find { it.kind == 'CPF' }.nextCredit.year", equalTo(2025))
                .body("find { it.kind == 'CPF' }.nextCredit.expectedBy", equalTo("2026-03-31"))
                .body("find { it.kind == 'CPF' }.nextCredit.assumptions.lowQualified", equalTo(true))
                .body("find { it.kind == 'CPF' }.nextCredit.assumptions.sameAsDeclaredYear", equalTo(false))
                .body("find { it.kind == 'CPP' }.nextCredit.amount", equalTo(1))
                .body("find { it.kind == 'CPP' }.nextCredit.year", equalTo(2025));

        // 2025 is credited, and a funder tops the account up: the next credit is 2026, assumed like 2025, and the
        // ceiling counts the earned €800 only, never the top-up.
        UUID cpf = QuarkusTransaction.requiringNew().call(() -> accounts.open(holder.personKey()).get(AccountKind.CPF));
        credit(cpf, EntryKind.YEARLY_CREDIT, 80000, 2025);
        credit(cpf, EntryKind.TOP_UP, 100000, null);
        mine(holder)
                .body("find { it.kind == 'CPF' }.balance", equalTo(180000))
                .body("find { it.kind == 'CPF' }.toppedUp", equalTo(100000))
                .body("find { it.kind == 'CPF' }.ceiling.counted", equalTo(80000))
                .body("find { it.kind == 'CPF' }.ceiling.room", equalTo(720000))
                .body("find { it.kind == 'CPF' }.nextCredit.year", equalTo(2026))
                .body("find { it.kind == 'CPF' }.nextCredit.amount", equalTo(80000))
                .body("find { it.kind == 'CPF' }.nextCredit.assumptions.sameAsDeclaredYear", equalTo(true))
                .body("find { it.kind == 'CPF' }.nextCredit.assumptions.earnedBalance", equalTo(80000))
                .body("find { it.kind == 'CPF' }.nextCredit.explanation", containsString("si 2026 ressemble à 2025"));
        assertEquals(List.of(), TestHolders.unbalanced(dataSource, holder.personKey()));
    }

    @Test
    void theSimulationProjectsTheCpfUnderTheStatedAssumptions() throws Exception {
        TestHolders.TestHolder holder = TestHolders.fresh(BORN);
        int year = LocalDate.now().getYear();
        simulate(holder, "until=" + (year + 2)).statusCode(200)
                .body("assumptions.status", equalTo("employee"))
                .body("assumptions.workingTimePercent", equalTo(100))
                .body("assumptions.from", equalTo(year))
                .body("years.credit", equalTo(List.of(50000, 50000, 50000)))
                .body("years.balanceAfter", equalTo(List.of(50000, 100000, 150000)))
                .body("years.ceiling", equalTo(List.of(500000, 500000, 500000)));
        // Below half time the credit is prorated; the working time reads as a fraction or a percentage alike.
        simulate(holder, "until=" + year + "&workingTime=0.4").body("years[0].credit", equalTo(20000))
                .body("assumptions.workingTimePercent", equalTo(40));
        simulate(holder, "until=" + year + "&workingTime=40%").body("years[0].credit", equalTo(20000));
        simulate(holder, "until=" + year + "&status=low-qualified").body("years[0].credit", equalTo(80000))
                .body("years[0].ceiling", equalTo(800000));
        simulate(holder, "until=" + year + "&status=public-servant").body("years[0].credit", equalTo(1500))
                .body("years[0].unit", equalTo("MINUTES"));

        // Near the ceiling the credit is cut to reach it exactly, then nothing.
        UUID cpf = QuarkusTransaction.requiringNew().call(() -> accounts.open(holder.personKey()).get(AccountKind.CPF));
        credit(cpf, EntryKind.YEARLY_CREDIT, 490000, 2024);
        simulate(holder, "until=" + (year + 1)).body("assumptions.startingEarnedBalance", equalTo(490000))
                .body("years.credit", equalTo(List.of(10000, 0)))
                .body("years.balanceAfter", equalTo(List.of(500000, 500000)))
                .body("years[0].explanation", containsString("plafond 5 000 € atteint"));
        // A CPF in euros cannot be projected under rules that count hours.
        simulate(holder, "until=" + year + "&status=public-servant").statusCode(422)
                .body("errors.field", hasItems("status"));

        simulate(holder, "until=" + (year - 1) + "&status=astronaut&workingTime=150").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("until", "status", "workingTime"));
        simulate(holder, "until=" + (year + 41)).statusCode(400).body("errors[0].field", equalTo("until"));
        simulate(holder, "until=soon&workingTime=0.333").statusCode(400).body("errors.field", hasItems("until",
                "workingTime"));
        simulate(holder, "status=employee").statusCode(400).body("errors[0].reason", containsString("is required"));
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/ledger/me/simulation?until=" + year)
                .then().statusCode(403);
    }

    private static ValidatableResponse mine(TestHolders.TestHolder holder) {
        return given().auth().oauth2(holder.token()).get("/api/ledger/me/accounts").then().statusCode(200);
    }

    private static ValidatableResponse simulate(TestHolders.TestHolder holder, String query) {
        return given().auth().oauth2(holder.token()).get("/api/ledger/me/simulation?" + query).then();
    }

    /** Writes an entry as the accrual or a top-up would, the account moved to euros first (as the accrual does). */
    private void credit(UUID account, EntryKind kind, long cents, Integer year) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE account SET unit = 'EURO_CENTS', topped_up = topped_up + ? WHERE id = ?")) {
                update.setLong(1, kind == EntryKind.TOP_UP ? cents : 0);
                update.setObject(2, account);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            journal.append(NewEntry.of(UUID.nameUUIDFromBytes((account + "/" + kind + "/" + cents)
                    .getBytes(StandardCharsets.UTF_8)), account, kind, cents, Unit.EURO_CENTS,
                    LocalDate.of(year == null ? 2026 : year, 12, 31), "test", year, "crédit de test", Map.of()));
        });
    }
}
