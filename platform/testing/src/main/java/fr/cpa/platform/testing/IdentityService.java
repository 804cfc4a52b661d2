package fr.cpa.platform.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The real identity service, from its built jar, on the shared stack (its own database, Keycloak, Kafka, mail), for
 * tests of the advisors' consent checks: the service under test is pointed at it
 * ({@code cpa.advisor-access.identity-url}), and {@link #register} makes holders through it as people do.
 */
public class IdentityService implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "Sesame-2026-Abc";
    private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    private static ServiceProcess identity;

    /** A holder registered through identity, with the NIR they log in with. */
    public record Registered(UUID id, String nir, String token) {
    }

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        // Mails and events leave identity quickly, as in its own tests.
        identity = ServiceProcess.start("identity", Map.of("cpa.mail.interval", "200ms",
                "cpa.outbox.interval", "200ms"), Duration.ofSeconds(120));
        return Map.of("cpa.advisor-access.identity-url", identity.url());
    }

    @Override
    public void stop() {
        if (identity != null) {
            identity.close();
        }
    }

    public static ServiceProcess process() {
        return identity;
    }

    /** The registration form, the mailed link, a login with the NIR: a holder born in June 1985. */
    public static Registered register(String givenNames) {
        String nir = TestNirs.bornIn(1985, 6);
        String letters = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .replaceAll("\\d", "");
        String email = "t-" + UUID.randomUUID() + "@test.cpa.localhost";
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("nir", nir);
        form.put("givenNames", givenNames);
        form.put("birthName", "Conseil-" + Character.toUpperCase(letters.charAt(0)) + letters.substring(1) + "x");
        form.put("birthDate", "1985-06-12");
        form.put("email", email);
        form.put("emailConfirmation", email);
        form.put("mobilePhone", "06 12 34 56 78");
        form.put("password", PASSWORD);
        form.put("termsAccepted", true);
        form.put("termsVersion", "2026-01");
        RestAssured.given().baseUri(identity.url()).contentType(ContentType.JSON).body(form)
                .post("/api/identity/registrations").then().statusCode(202);
        Matcher link = LINK_TOKEN.matcher(Mailbox.await(email, m -> m.subject().startsWith("Validez"),
                Duration.ofSeconds(30)).text());
        if (!link.find()) {
            throw new AssertionError("no validation link in the mail");
        }
        String id = RestAssured.given().baseUri(identity.url()).contentType(ContentType.JSON)
                .body(Map.of("token", link.group(1))).post("/api/identity/registrations/validations").then()
                .statusCode(200).extract().path("holderId");
        return new Registered(UUID.fromString(id), nir, Tokens.forUser(nir, PASSWORD));
    }
}
