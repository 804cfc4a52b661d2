package fr.cpa.enrolment;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import fr.cpa.platform.events.DomainEvent;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.events.identity.HolderRegistered;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.AuthorizationCodeFlow;
import fr.cpa.platform.testing.Broker;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.KeycloakAdmin;
import fr.cpa.platform.testing.TestNirs;
import fr.cpa.platform.testing.Tokens;

/**
 * Holders for enrolment tests: a login of their own in the realm's holders group, a NIR of their own, and what
 * identity would announce of them (HolderRegistered, HolderProfileChanged) published on the real broker, so that
 * the ledger opens and links their accounts and this service knows their situation. {@link #deleteLogins} removes
 * the logins made.
 */
final class People {

    /** The person key the services compute from a NIR: the local pepper every service's configuration has. */
    private static final PersonKeys KEYS = new PersonKeys(
            "local development only: person key pepper, replace".getBytes(StandardCharsets.UTF_8));
    private static final Set<String> LOGINS = ConcurrentHashMap.newKeySet();
    private static final Set<String> FRANCECONNECT_LOGINS = ConcurrentHashMap.newKeySet();
    /** The demo employer's SIRET (deploy/keycloak/README.md). */
    static final String EMPLOYER_SIRET = "73282932000074";

    /** A holder; {@code token()} is a fresh password login, {@code strongToken()} one at eIDAS substantial. */
    record Holder(UUID id, String nir, String personKey, String username, String password, String email) {

        String token() {
            return Tokens.forUser(username, password);
        }

        String strongToken() {
            return AuthorizationCodeFlow.strongLogin().loginWithPassword(username, password).accessToken();
        }

        @Override
        public String toString() {
            return "Holder[" + id + "]";
        }
    }

    private People() {
    }

    /** An employee of the demo employer. */
    static Holder employee() {
        return holder("EMPLOYEE", EMPLOYER_SIRET);
    }

    /** A new holder in that situation, working at that SIRET (or none), known to the ledger and to this service. */
    static Holder holder(String employmentStatus, String workplaceSiret) {
        KeycloakAdmin admin = KeycloakAdmin.connect();
        String suffix = UUID.randomUUID().toString().substring(0, 12);
        String username = "enrolment-test-" + suffix;
        String password = "Enrol-" + suffix + "-Aa1";
        String email = username + "@test.cpa.localhost";
        String id = admin.createUser(Tokens.REALM, new KeycloakAdmin.NewUser(username, email, "Camille", "Testeur",
                Map.of(), password, true, true));
        LOGINS.add(id);
        admin.addToGroup(Tokens.REALM, id, "/holders");
        return known(UUID.fromString(id), username, password, email, employmentStatus, workplaceSiret);
    }

    /**
     * A holder who logs in through FranceConnect: a person of the simulator whose first login made their login in
     * realm cpa, then made a holder as identity would (the /holders group, and identity's announcements).
     * {@code fcUsername} and {@code fcPassword} log in again; {@code username} and {@code password} stay null.
     */
    static FranceConnectHolder franceConnectEmployee() {
        KeycloakAdmin admin = KeycloakAdmin.connect();
        KeycloakAdmin.FranceConnectUser fc = admin.createFranceConnectUser("Camille", "Testeur",
                LocalDate.of(1990, 3, 1), "female", "75056", KeycloakAdmin.FRANCE);
        FRANCECONNECT_LOGINS.add(fc.id());
        String id = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password()).subject();
        LOGINS.add(id);
        admin.addToGroup(Tokens.REALM, id, "/holders");
        Holder holder = known(UUID.fromString(id), null, null, null, "EMPLOYEE", EMPLOYER_SIRET);
        return new FranceConnectHolder(holder, fc.username(), fc.password());
    }

    record FranceConnectHolder(Holder holder, String fcUsername, String fcPassword) {

        /** A new FranceConnect login, in a new browser: a strong login of now. */
        String token() {
            return new AuthorizationCodeFlow().loginWithFranceConnect(fcUsername, fcPassword).accessToken();
        }
    }

    /** Identity's announcements of a new holder, and the wait until this service and the ledger know them. */
    private static Holder known(UUID holderId, String username, String password, String email,
            String employmentStatus, String workplaceSiret) {
        String nir = TestNirs.bornIn(1990, 3);
        String personKey = KEYS.of(Nir.parse(nir));
        publish(new HolderRegistered(holderId, personKey, LocalDate.of(1990, 3, 1), "ACTIVE"));
        publish(new HolderProfileChanged(holderId, personKey, List.of("employmentStatus", "workplaceSiret"),
                employmentStatus, workplaceSiret, "52", "52", null, "LEVEL_4", false));
        Holder holder = new Holder(holderId, nir, personKey, username, password, email);
        awaitKnown(holder, username == null ? null : holder.token());
        return holder;
    }

    /** Identity announcing something about a holder. */
    static void publish(DomainEvent event) {
        EventEnvelope envelope = EventEnvelope.of(event);
        Broker.publish(Topics.IDENTITY_HOLDERS, envelope.subjectKey(), envelope.toJson(), envelope.kafkaHeaders());
    }

    /** Until this service has the holder's situation and the ledger has linked their accounts. */
    private static void awaitKnown(Holder holder, String token) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Db.number(Db.ENROLMENT, "SELECT count(*) FROM holder_profile WHERE holder_id = ? "
                        + "AND employment_status IS NOT NULL", holder.id()) == 1);
        if (token == null) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Db.number(Db.LEDGER, "SELECT count(*) FROM account WHERE holder_id = ?",
                            holder.id()) == 3);
            return;
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().baseUri(Platform.ledger.url()).auth().oauth2(token)
                        .get("/api/ledger/me/accounts").statusCode() == 200);
    }

    static void deleteLogins() {
        KeycloakAdmin admin = KeycloakAdmin.connect();
        LOGINS.forEach(id -> admin.deleteUser(Tokens.REALM, id));
        LOGINS.clear();
        FRANCECONNECT_LOGINS.forEach(id -> admin.deleteUser(KeycloakAdmin.FRANCECONNECT_REALM, id));
        FRANCECONNECT_LOGINS.clear();
    }
}
