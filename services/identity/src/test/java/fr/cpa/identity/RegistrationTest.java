package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import fr.cpa.identity.People.Person;
import fr.cpa.identity.domain.Registrations;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.testing.AuthorizationCodeFlow;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.KeycloakAdmin;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Mailbox;
import fr.cpa.platform.testing.Tokens;

/** Registration end to end on the real Keycloak, database, broker and mail sink. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RegistrationTest {

    private static final Duration MAIL = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @Inject
    Registrations registrations;

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/identity/registrations").then();
    }

    @Test
    void theSpaceOpensWhenTheMailedLinkIsFollowedAndTheHolderIsAnnounced() throws Exception {
        Person person = People.random();
        try (KafkaProbe holders = KafkaProbe.open(Topics.IDENTITY_HOLDERS)) {
            People.register(person);
            Mailbox.Mail mail = Mailbox.await(person.email(), m -> m.subject().startsWith("Validez"), MAIL);
            assertFalse(mail.mime().contains(person.nir()), "the mail never quotes the NIR");
            // Before the link is followed the login is disabled.
            assertThrows(IllegalStateException.class, () -> Tokens.forUser(person.nir(), People.PASSWORD));

            String token = People.linkToken(mail);
            String holderId = given().contentType(ContentType.JSON).body(Map.of("token", token))
                    .post("/api/identity/registrations/validations")
                    .then().statusCode(200).body("status", equalTo("ACTIVE")).extract().path("holderId");
            // A second click on the same link answers the same and announces nothing more.
            given().contentType(ContentType.JSON).body(Map.of("token", token))
                    .post("/api/identity/registrations/validations")
                    .then().statusCode(200).body("holderId", equalTo(holderId));

            ConsumerRecord<String, String> record = holders.await(r -> r.value().contains(holderId), MAIL);
            assertEquals("HolderRegistered", KafkaProbe.header(record, "cpa-event-type"));
            JsonNode payload = JSON.readTree(record.value()).path("payload");
            assertEquals(person.birthDate().toString(), payload.path("birthDate").asText());
            assertEquals("ACTIVE", payload.path("status").asText());
            assertEquals(43, payload.path("personKey").asText().length());
            assertEquals(payload.path("personKey").asText(), record.key(), "keyed by person key");
            assertFalse(record.value().contains(person.nir().substring(0, 13)), "no NIR in events");

            // The person logs in as the SPA does: the real login pages, authorization code and PKCE.
            String username = person.nir();
            AuthorizationCodeFlow.TokenResponse login = new AuthorizationCodeFlow()
                    .loginWithPassword(username, People.PASSWORD);
            assertEquals(holderId, login.subject());
            assertTrue(login.realmRoles().contains("holder"));
            String access = login.accessToken();
            given().auth().oauth2(access).get("/api/identity/me").then().statusCode(200)
                    .body("holderId", equalTo(holderId))
                    .body("identity.birthName", equalTo(person.birthName()))
                    .body("email", equalTo(person.email()))
                    .body("profile.mobilePhone", equalTo("+33612345678"))
                    .body("identity.temporaryNir", equalTo(false));
        }
    }

    @Test
    void everyInvalidFieldIsNamedWithItsReason() {
        Person person = People.random();
        Map<String, Object> body = person.registration();
        body.put("emailConfirmation", "other@test.cpa.localhost");
        body.put("birthDate", person.birthDate().minusYears(1).toString());
        body.put("landlinePhone", "12");
        body.put("password", "short");
        body.put("termsAccepted", false);
        body.put("givenNames", "R2D2");
        post(body).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:validation"))
                .body("errors.field", hasItem("emailConfirmation"))
                .body("errors.field", hasItem("birthDate"))
                .body("errors.field", hasItem("landlinePhone"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("termsAccepted"))
                .body("errors.field", hasItem("givenNames"))
                .body("errors.findAll { it.field == 'password' }.reason", hasItem("must contain at least 3 digits"))
                .body(not(containsString(person.nir())));
    }

    @Test
    void nirFormatKeyAndCorsicaAreChecked() {
        Person person = People.random();
        Map<String, Object> body = person.registration();
        String nir = person.nir();
        String wrongKey = nir.substring(0, 13) + String.format("%02d", (Integer.parseInt(nir.substring(13)) % 97) + 1);
        body.put("nir", wrongKey);
        post(body).statusCode(400).body("errors.field", hasItem("nir"))
                .body("errors.reason", hasItem("has a key that does not match the number"))
                .body(not(containsString(wrongKey)));
        body.put("nir", "1ABCDEFGHIJKL00");
        post(body).statusCode(400).body("errors.field", hasItem("nir"));
        body.remove("nir");
        post(body).statusCode(400).body("errors.field", hasItem("nir"));

        // Born in Corse-du-Sud: 2A in the number, read as 19 for the key; spaces as people type them.
        Person corsican = People.born('2', LocalDate.of(1979, 4, 2), "2A004");
        Map<String, Object> corsicanBody = corsican.registration();
        String spaced = corsican.nir().substring(0, 1) + " " + corsican.nir().substring(1, 3) + " "
                + corsican.nir().substring(3, 5) + " " + corsican.nir().substring(5, 7) + " "
                + corsican.nir().substring(7, 10) + " " + corsican.nir().substring(10, 13) + " " + corsican.nir().substring(13);
        corsicanBody.put("nir", spaced);
        post(corsicanBody).statusCode(202);
    }

    @Test
    void theAccountOpensAtSixteenOrFifteenWithAnApprenticeshipContract() {
        LocalDate fifteen = LocalDate.now().minusYears(15).minusDays(3);
        Person young = People.born('1', fifteen, "69123");
        post(young.registration()).statusCode(400)
                .body("errors.field", hasItem("birthDate"))
                .body("errors.reason", hasItem("an account opens at 16 (or 15 with an apprenticeship contract)"));
        Map<String, Object> apprentice = young.registration();
        apprentice.put("apprenticeshipContract", true);
        post(apprentice).statusCode(202);
        Person fourteen = People.born('2', LocalDate.now().minusYears(14), "69123");
        Map<String, Object> tooYoung = fourteen.registration();
        tooYoung.put("apprenticeshipContract", true);
        post(tooYoung).statusCode(400).body("errors.reason", hasItem("an account opens at 15 with an apprenticeship contract"));
    }

    @Test
    void temporaryNumbersAreAcceptedAndFlagged() {
        Person person = People.born('7', LocalDate.of(1990, 6, 15), "99134");
        People.Holder holder = People.registered(person);
        given().auth().oauth2(holder.token()).get("/api/identity/me").then().statusCode(200)
                .body("identity.temporaryNir", equalTo(true));
    }

    @Test
    void termsVersionAndUnknownFieldsAreRefused() {
        Map<String, Object> body = People.random().registration();
        body.put("termsVersion", "2019-01");
        post(body).statusCode(400).body("errors.field", containsInAnyOrder("termsVersion"));
        body.put("termsVersion", People.TERMS);
        body.put("isAdmin", true);
        post(body).statusCode(400).body("errors.field", hasItem("isAdmin"));
    }

    @Test
    void anExistingNirOrEmailGetsTheSameAnswerAndItsOwnerAWarning() {
        People.Holder owner = People.registered(People.random());
        String answer = post(owner.person().registration()).statusCode(202).extract().asString();

        // Same NIR, another address: the new address gets nothing, the owner a warning.
        Person sameNir = owner.person().withEmail("intruder-" + System.nanoTime() + "@test.cpa.localhost");
        assertEquals(answer, post(sameNir.registration()).statusCode(202).extract().asString());
        Mailbox.await(owner.person().email(), m -> m.subject().startsWith("Tentative"), MAIL);

        // Another person with the owner's address: same answer, the owner is warned again.
        Person sameEmail = People.random().withEmail(owner.person().email());
        assertEquals(answer, post(sameEmail.registration()).statusCode(202).extract().asString());
        long warnings = 0;
        for (int i = 0; i < 50 && warnings < 3; i++) {
            warnings = Mailbox.messagesFor(owner.person().email()).stream()
                    .filter(m -> m.subject().startsWith("Tentative")).count();
            sleep(200);
        }
        assertEquals(3, warnings);
        assertTrue(Mailbox.messagesFor(sameNir.email()).isEmpty(), "no mail to the intruder's address");
    }

    @Test
    void aRegistrationNeverValidatedExpiresWithItsLinkAndTheRealOwnerThenRegisters() {
        Person owner = People.random();
        Person intruder = owner.withEmail("intruder-" + System.nanoTime() + "@test.cpa.localhost");
        People.register(intruder);
        String intrudersLink = People.linkToken(Mailbox.await(intruder.email(),
                m -> m.subject().startsWith("Validez"), MAIL));

        // Within its day, the pending registration holds the NIR: the owner's attempt only warns that address.
        post(owner.registration()).statusCode(202);
        Mailbox.await(intruder.email(), m -> m.subject().startsWith("Tentative"), MAIL);
        assertTrue(Mailbox.messagesFor(owner.email()).isEmpty());

        // A day later it has expired: the owner's registration removes it and goes through.
        age(intruder.email(), "25 hours");
        post(owner.registration()).statusCode(202);
        String ownersLink = People.linkToken(Mailbox.await(owner.email(),
                m -> m.subject().startsWith("Validez"), MAIL));
        given().contentType(ContentType.JSON).body(Map.of("token", intrudersLink))
                .post("/api/identity/registrations/validations").then().statusCode(422)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("token", ownersLink))
                .post("/api/identity/registrations/validations").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        Tokens.forUser(owner.nir(), People.PASSWORD);
    }

    @Test
    void expiredRegistrationsAreRemovedWithTheirLoginEvenIfNobodyComesBack() {
        Person person = People.random();
        People.register(person);
        String link = People.linkToken(Mailbox.await(person.email(), m -> m.subject().startsWith("Validez"), MAIL));
        Person fresh = People.random();
        People.register(fresh);
        age(person.email(), "24 hours 1 minute");

        assertTrue(registrations.purgeExpired(1_000) >= 1);

        assertEquals(0, count("SELECT count(*) FROM holder WHERE email = ?", person.email()));
        assertEquals(1, count("SELECT count(*) FROM holder WHERE email = ?", fresh.email()), "a day is not over");
        assertTrue(KeycloakAdmin.connect().findUserByUsername("cpa", person.nir()).isEmpty(), "its login is gone");
        given().contentType(ContentType.JSON).body(Map.of("token", link))
                .post("/api/identity/registrations/validations").then().statusCode(422);
    }

    /** Moves a registration back in time, as if it had been made {@code interval} ago. */
    private void age(String email, String interval) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE holder SET created_at = now() - ?::interval WHERE email = ?")) {
            update.setString(1, interval);
            update.setString(2, email);
            assertEquals(1, update.executeUpdate());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLoginMadeBeforeThisServiceIsNotDuplicated() {
        // holder1 exists in the realm only; registering their NIR warns the existing login's owner.
        Map<String, Object> body = People.born('1', LocalDate.of(1985, 5, 14), "75116").registration();
        body.put("nir", DemoLogins.HOLDER1_USERNAME);
        People.NIRS_USED.add(DemoLogins.HOLDER1_USERNAME);
        body.put("birthDate", "1985-05-14");
        String email = "late-" + System.nanoTime() + "@test.cpa.localhost";
        body.put("email", email);
        body.put("emailConfirmation", email);
        post(body).statusCode(202);
        Mailbox.await("holder1@cpa.localhost", m -> m.subject().startsWith("Tentative"), MAIL);
        assertTrue(Mailbox.messagesFor(email).isEmpty());
    }

    @Test
    void aLostValidationMailCanBeSentAgain() {
        Person person = People.random();
        People.register(person);
        Mailbox.await(person.email(), m -> m.subject().startsWith("Validez"), MAIL);
        given().contentType(ContentType.JSON).body(Map.of("email", person.email()))
                .post("/api/identity/registrations/validation-mails").then().statusCode(202);
        for (int i = 0; i < 100 && Mailbox.messagesFor(person.email()).size() < 2; i++) {
            sleep(200);
        }
        var mails = Mailbox.messagesFor(person.email());
        assertEquals(2, mails.size());
        // Only the newest link works.
        given().contentType(ContentType.JSON).body(Map.of("token", People.linkToken(mails.get(0))))
                .post("/api/identity/registrations/validations").then().statusCode(410);
        given().contentType(ContentType.JSON).body(Map.of("token", People.linkToken(mails.get(1))))
                .post("/api/identity/registrations/validations").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", "not-a-token"))
                .post("/api/identity/registrations/validations").then().statusCode(422)
                .body("type", equalTo("urn:cpa:problem:invalid-link"));
    }

    @Test
    void aPasswordIsResetThroughAMailedLink() {
        People.Holder holder = People.registered(People.random());
        given().contentType(ContentType.JSON).body(Map.of("login", holder.person().nir()))
                .post("/api/identity/password-resets").then().statusCode(202);
        // An unknown login gets the same answer.
        given().contentType(ContentType.JSON).body(Map.of("login", "nobody@test.cpa.localhost"))
                .post("/api/identity/password-resets").then().statusCode(202).body("status", equalTo("MAIL_SENT"));
        String token = People.linkToken(Mailbox.await(holder.person().email(),
                m -> m.subject().startsWith("Réinitialisation") || m.subject().contains("initialisation"), MAIL));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "weakpass"))
                .post("/api/identity/password-resets/confirmations").then().statusCode(400)
                .body("errors.field", hasItem("password"));
        String newPassword = "Nouveau-Mot-2027";
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", newPassword))
                .post("/api/identity/password-resets/confirmations").then().statusCode(204);
        // The new password first: a failed login just before could count against it (brute-force detection).
        Tokens.forUser(holder.person().nir(), newPassword);
        assertThrows(IllegalStateException.class, () -> Tokens.forUser(holder.person().nir(), People.PASSWORD));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", newPassword))
                .post("/api/identity/password-resets/confirmations").then().statusCode(410);
    }

    @Test
    void anEmailChangeTakesEffectOnceTheNewAddressIsProven() {
        People.Holder holder = People.registered(People.random());
        String newEmail = "moved-" + System.nanoTime() + "@test.cpa.localhost";
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON)
                .body(Map.of("email", newEmail, "emailConfirmation", newEmail))
                .post("/api/identity/me/email-changes").then().statusCode(202);
        Mailbox.await(holder.person().email(), m -> m.subject().startsWith("Changement"), MAIL);
        given().auth().oauth2(holder.token()).get("/api/identity/me").then().body("email", equalTo(holder.person().email()));
        String token = People.linkToken(Mailbox.await(newEmail, m -> m.subject().startsWith("Confirmez"), MAIL));
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/identity/email-changes/confirmations").then().statusCode(200);
        given().auth().oauth2(holder.token()).get("/api/identity/me").then().body("email", equalTo(newEmail));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
