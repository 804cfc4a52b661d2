package fr.cpa.enrolment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

/**
 * Buying needs a FranceConnect+ login at eIDAS substantial, less than 30 minutes old: a holder who just logged in
 * through FranceConnect confirms; a password login, or a login grown old, is told how to step up.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class StrongLoginTest {

    private static final LocalDate STARTS = LocalDate.of(2027, 3, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 5, 31);

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void aFranceConnectLoginConfirmsAPurchase() {
        People.FranceConnectHolder fc = People.franceConnectEmployee();
        Money.cpf(fc.holder(), 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        String token = fc.token();
        UUID id = Api.submitted(token, session);
        Api.propose(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT), id, Map.of()).then().statusCode(200);

        Api.confirm(fc.token(), id).then().statusCode(200).body("state.code", equalTo("PAYMENT_PENDING"));
        Api.awaitState(token, id, "CONFIRMED");
    }

    @Test
    void aPasswordLoginOrAnOldOneIsToldHowToStepUp() {
        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, STARTS, ENDS, 12, false);
        UUID id = Api.submitted(holder.token(), session);
        Api.propose(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT), id, Map.of()).then().statusCode(200);

        Api.confirm(holder.token(), id).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:strong-login-required"))
                .body("detail", containsString("eIDAS"))
                .body("detail", containsString("kc_idp_hint=franceconnect"));
        String strong = holder.strongToken();
        // Forty minutes later, the same login is too old to buy with.
        MutableClock.shiftMinutes(40);
        Api.confirm(strong, id).then().statusCode(401)
                .body("type", equalTo("urn:cpa:problem:strong-login-required"))
                .body("detail", containsString("older than 30 minutes"));
        MutableClock.reset();
        Api.confirm(holder.strongToken(), id).then().statusCode(200);
        Api.awaitState(holder.token(), id, "CONFIRMED");
    }
}
