package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import fr.cpa.platform.testing.AuthorizationCodeFlow;
import fr.cpa.platform.testing.AuthorizationCodeFlow.TokenResponse;
import fr.cpa.platform.testing.KeycloakAdmin;
import fr.cpa.platform.testing.KeycloakAdmin.FranceConnectUser;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Mailbox;
import fr.cpa.platform.testing.Tokens;

/**
 * FranceConnect through the real login pages (authorization code + PKCE, the simulator's login form, Keycloak's
 * broker), then the link to the holder's space by the pivot identity or by the NIR.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class FranceConnectTest {

    private static final KeycloakAdmin ADMIN = KeycloakAdmin.connect();
    private static final List<String> FC_USERS = new ArrayList<>();

    @AfterAll
    static void removeSimulatorUsers() {
        FC_USERS.forEach(id -> ADMIN.deleteUser(KeycloakAdmin.FRANCECONNECT_REALM, id));
    }

    private static FranceConnectUser franceConnectUser(String given, String family, LocalDate birth, String gender,
            String place, String country) {
        FranceConnectUser user = ADMIN.createFranceConnectUser(given, family, birth, gender, place, country);
        FC_USERS.add(user.id());
        return user;
    }

    private static ValidatableResponse link(String token, String nir) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(nir == null ? Map.of() : Map.of("nir", nir))
                .post("/api/identity/franceconnect/links").then();
    }

    @Test
    void aFirstLoginIsLinkedByThePivotIdentityAndTheNextOneOpensTheHoldersSpace() {
        // Registered as born in Paris 16e; FranceConnect says Paris, upper case, a space for the hyphen, two given names.
        LocalDate birth = LocalDate.of(1984, 2, 17);
        People.Holder holder = People.registered(People.born('1', birth, "75116"));
        String family = holder.person().birthName().toUpperCase().replace('-', ' ');
        FranceConnectUser fc = franceConnectUser("Camille Éric", family, birth, "male", "75056", KeycloakAdmin.FRANCE);

        TokenResponse first = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());
        assertNotEquals(holder.id().toString(), first.subject(), "a first FranceConnect login is a bare login");
        assertFalse(first.realmRoles().contains("holder"));
        given().auth().oauth2(first.accessToken()).get("/api/identity/me").then().statusCode(403);

        link(first.accessToken(), null).statusCode(200)
                .body("holderId", equalTo(holder.id().toString()))
                .body("loginAgain", equalTo(true));

        TokenResponse second = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());
        assertEquals(holder.id().toString(), second.subject());
        assertTrue(second.realmRoles().contains("holder"));
        given().auth().oauth2(second.accessToken()).get("/api/identity/me").then().statusCode(200)
                .body("franceConnectLinked", equalTo(true))
                .body("identity.birthName", equalTo(holder.person().birthName()));
        // Asking again from the holder's own login changes nothing.
        link(second.accessToken(), null).statusCode(200).body("loginAgain", equalTo(false));
        // The bare login is gone; the FranceConnect identity now belongs to the holder's login.
        assertTrue(ADMIN.findUserByUsername("cpa", "fc." + fc.id()).isEmpty());
        assertTrue(ADMIN.federatedIdentities("cpa", holder.id().toString()).stream()
                .anyMatch(link -> link.identityProvider().equals("franceconnect")));
    }

    /** Two holders of the same names, born the same day in the same place: the pivot alone cannot tell them apart. */
    private static People.Person[] namesakes(LocalDate birth) {
        People.Person first = People.born('2', birth, "99134");
        People.Person second = new People.Person(People.nir('2', birth, "99134"), first.givenNames(),
                first.birthName(), birth, "t-" + java.util.UUID.randomUUID() + "@test.cpa.localhost");
        return new People.Person[] { first, second };
    }

    @Test
    void namesakesAreToldApartByTheNirWhichMustMatchTheWholeCertifiedIdentity() {
        LocalDate birth = LocalDate.of(1991, 9, 5);
        People.Person[] twins = namesakes(birth);
        People.registered(twins[0]);
        People.Holder holder = People.registered(twins[1]);
        FranceConnectUser fc = franceConnectUser(twins[1].givenNames(), twins[1].birthName(), birth, "female", null,
                "99134");
        TokenResponse first = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());

        link(first.accessToken(), null).statusCode(409).body("type", equalTo("urn:cpa:problem:nir-required"));
        // Someone else's NIR: born the same day and place, of the same sex, but of other names. Refused as an
        // unknown NIR is: the birth facts alone no longer open a space.
        People.Holder other = People.registered(People.born('2', birth, "99134"));
        link(first.accessToken(), other.person().nir()).statusCode(422)
                .body("type", equalTo("urn:cpa:problem:no-matching-space"));
        link(first.accessToken(), People.nir('2', birth, "99134")).statusCode(422)
                .body("type", equalTo("urn:cpa:problem:no-matching-space"));
        link(first.accessToken(), "12345").statusCode(400).body("errors[0].field", equalTo("nir"));

        link(first.accessToken(), holder.person().nir()).statusCode(200)
                .body("holderId", equalTo(holder.id().toString()));
        TokenResponse next = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());
        assertEquals(holder.id().toString(), next.subject());
        // The holder learns that FranceConnect now opens their space.
        Mailbox.await(holder.person().email(), m -> m.subject().startsWith("FranceConnect est désormais relié"),
                java.time.Duration.ofSeconds(20));
    }

    @Test
    void aFranceConnectIdentityTryingNirsIsLockedAfterAFew() {
        LocalDate birth = LocalDate.of(1988, 4, 12);
        People.Person[] twins = namesakes(birth);
        People.registered(twins[0]);
        People.Holder target = People.registered(twins[1]);
        FranceConnectUser fc = franceConnectUser(twins[1].givenNames(), twins[1].birthName(), birth, "female", null,
                "99134");
        TokenResponse first = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());

        for (int attempt = 0; attempt < 5; attempt++) {
            link(first.accessToken(), People.nir('2', birth, "99134")).statusCode(422);
        }
        // Locked: even the right NIR is refused now, and nothing was linked.
        link(first.accessToken(), target.person().nir()).statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:link-attempts-exhausted"));
        assertTrue(ADMIN.federatedIdentities("cpa", target.id().toString()).isEmpty());
    }

    @Test
    void onlyAFirstFranceConnectLoginCanAskForALink() {
        // A machine's token names no FranceConnect login.
        link(Tokens.forClient("demo-employer"), null).statusCode(403)
                .body("type", equalTo("urn:cpa:problem:not-franceconnect"));
        link("not-a-token", null).statusCode(401);
    }
}
