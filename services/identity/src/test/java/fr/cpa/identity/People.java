package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;

import fr.cpa.platform.testing.LocalStack;
import fr.cpa.platform.testing.Mailbox;
import fr.cpa.platform.testing.Tokens;

/**
 * Fresh people for tests: a valid NIR consistent with the birth date, unique names and e-mail, so that the tests
 * run again and again on the same Keycloak and database. Every NIR handed out is remembered, for the log check.
 */
final class People {

    static final Set<String> NIRS_USED = ConcurrentHashMap.newKeySet();
    /** Where Keycloak's log stood before these tests: earlier lines are not theirs to answer for. */
    static final long KEYCLOAK_LOG_START = sizeOf(keycloakLog());
    static final String PASSWORD = "Sesame-2026-Abc";
    static final String TERMS = "2026-01";

    record Person(String nir, String givenNames, String birthName, LocalDate birthDate, String email) {

        Map<String, Object> registration() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("nir", nir);
            body.put("givenNames", givenNames);
            body.put("birthName", birthName);
            body.put("birthDate", birthDate.toString());
            body.put("email", email);
            body.put("emailConfirmation", email);
            body.put("mobilePhone", "06 12 34 56 78");
            body.put("password", PASSWORD);
            body.put("termsAccepted", true);
            body.put("termsVersion", TERMS);
            return body;
        }

        Person withEmail(String other) {
            return new Person(nir, givenNames, birthName, birthDate, other);
        }
    }

    /** A registered, validated holder and a token of theirs. */
    record Holder(Person person, UUID id, String token) {
    }

    private People() {
    }

    static Path keycloakLog() {
        return LocalStack.repositoryRoot().resolve(".local/logs/keycloak.log");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Person random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String place = String.format("%02d%03d", 1 + random.nextInt(19), 1 + random.nextInt(900));
        return born(random.nextBoolean() ? '1' : '2', birth, place);
    }

    /** Someone born on that date at that INSEE place (a commune, or 99 and a country code). */
    static Person born(char sex, LocalDate birth, String place) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("\\d", "");
        String unique = suffix.length() < 4 ? suffix + "xyzw" : suffix;
        return new Person(nir(sex, birth, place), "Camille", "Testeur-" + Character.toUpperCase(unique.charAt(0))
                + unique.substring(1), birth, "t-" + UUID.randomUUID() + "@test.cpa.localhost");
    }

    static String nir(char sex, LocalDate birth, String place) {
        String number = sex + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + place
                + String.format("%03d", 1 + ThreadLocalRandom.current().nextInt(998));
        String numeric = number.replace("2A", "19").replace("2B", "18");
        int key = 97 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
        String nir = number + String.format("%02d", key);
        NIRS_USED.add(nir);
        return nir;
    }

    static void register(Person person) {
        given().contentType(ContentType.JSON).body(person.registration())
                .post("/api/identity/registrations")
                .then().statusCode(202).body("status", equalTo("VALIDATION_MAIL_SENT"));
    }

    /** Registers, follows the mailed link, logs in. */
    static Holder registered(Person person) {
        register(person);
        String token = linkToken(Mailbox.await(person.email(), m -> m.subject().startsWith("Validez"), Duration.ofSeconds(20)));
        String id = given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/identity/registrations/validations")
                .then().statusCode(200).body("status", equalTo("ACTIVE"))
                .extract().path("holderId");
        return new Holder(person, UUID.fromString(id), Tokens.forUser(person.nir(), PASSWORD));
    }

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    /** The token of the link in a mail. */
    static String linkToken(Mailbox.Mail mail) {
        Matcher m = TOKEN.matcher(mail.text());
        if (!m.find()) {
            throw new AssertionError("no link in the mail " + mail.subject());
        }
        return m.group(1);
    }
}
