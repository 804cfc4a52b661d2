package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.cpa.platform.testing.AuthorizationCodeFlow.TokenResponse;
import fr.cpa.platform.testing.Browser.Page;
import fr.cpa.platform.testing.KeycloakAdmin.FederatedIdentity;
import fr.cpa.platform.testing.KeycloakAdmin.FranceConnectUser;

/** Logins through the real Keycloak pages: password with PKCE, and FranceConnect through the broker. */
class BrowserTest {

    private static final String CPA = AuthorizationCodeFlow.REALM;
    private static final String FC = KeycloakAdmin.FRANCECONNECT_REALM;

    private static KeycloakAdmin admin;
    /** Simulator users made by these tests; their cpa users are found through the link and deleted too. */
    private static final List<String> fcUserIds = new ArrayList<>();

    @BeforeAll
    static void connect() {
        admin = KeycloakAdmin.connect();
    }

    @AfterAll
    static void deleteCreatedUsers() {
        for (String fcId : fcUserIds) {
            admin.findUserByFederatedIdentity(CPA, AuthorizationCodeFlow.FRANCECONNECT_ALIAS, fcId)
                    .ifPresent(u -> admin.deleteUser(CPA, u.path("id").asText()));
            admin.deleteUser(FC, fcId);
        }
    }

    @Test
    void holderLogsInThroughTheLoginPageWithPkceThenReusesTheSsoSession() {
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow();

        TokenResponse tokens = flow.loginWithPassword(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);

        JsonNode claims = tokens.accessClaims();
        // No token of the SPA carries the NIR the holder logged in with: not the access token, nor the ID token, nor
        // the refresh token, nor what the userinfo endpoint answers.
        for (String part : java.util.List.of(claims.toString(), tokens.idClaims().toString(),
                Tokens.claims(tokens.refreshToken()).toString(), userinfo(tokens.accessToken()))) {
            assertEquals(java.util.List.of(), NirScan.linesWithNir(part), "NIRs in " + part.length() + " chars");
            assertFalse(part.contains(DemoLogins.HOLDER1_USERNAME));
        }
        assertTrue(claims.path("preferred_username").isMissingNode());
        assertTrue(tokens.realmRoles().contains("holder"), "roles: " + tokens.realmRoles());
        assertEquals(AuthorizationCodeFlow.CLIENT_ID, claims.path("azp").asText());
        assertTrue(claims.path("aud").toString().contains("cpa-api"), "aud: " + claims.path("aud"));
        assertEquals(tokens.subject(), tokens.idClaims().path("sub").asText());
        assertTrue(tokens.refreshToken() != null && !tokens.refreshToken().isEmpty());
        // Keycloak's session cookie is Secure on plain http: the browser must still have kept it.
        assertTrue(flow.browser().cookie(LocalStack.KEYCLOAK_URL + "/realms/cpa/", "KEYCLOAK_IDENTITY").isPresent());

        TokenResponse again = flow.loginWithSso();
        assertEquals(tokens.subject(), again.subject());
        assertNotEquals(tokens.accessToken(), again.accessToken());

        Page fresh = flow.newSession().begin();
        assertFalse(fresh.isRedirectTo(AuthorizationCodeFlow.REDIRECT_URI), "a new browser has no session");
        assertTrue(fresh.form("kc-form-login").isPresent(), fresh.describe());
    }

    @Test
    void wrongPasswordShowsTheLoginPageAgainWithAnErrorAndNoCode() {
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow();
        Page login = flow.begin();

        Page failed = flow.submitLogin(login, DemoLogins.HOLDER1_USERNAME, "Wrong-Pass123");

        assertEquals(200, failed.status(), failed.describe());
        assertFalse(failed.isRedirectTo(AuthorizationCodeFlow.REDIRECT_URI));
        assertTrue(failed.queryParameter("code").isEmpty());
        assertTrue(failed.form("kc-form-login").isPresent(), failed.describe());
        String error = failed.error().orElse("");
        assertFalse(error.isBlank(), "no visible error on " + failed.describe());
        assertFalse(error.contains(DemoLogins.HOLDER1_USERNAME));
        assertTrue(flow.browser().cookie(LocalStack.KEYCLOAK_URL + "/realms/cpa/", "KEYCLOAK_IDENTITY").isEmpty());

        // The same page accepts the right password; a success also clears the failure for brute-force detection.
        TokenResponse tokens = flow.finish(
                flow.submitLogin(failed, DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD));
        assertEquals(admin.findUserByUsername(CPA, DemoLogins.HOLDER1_USERNAME).orElseThrow().path("id").asText(),
                tokens.subject());
    }

    @Test
    void firstFranceConnectLoginCreatesAUserWithoutAnyPageAndWithoutTheHolderRole() {
        FranceConnectUser fc = newFranceConnectUser("Élodie Marie", "Testeur-Lefèvre", LocalDate.of(1991, 2, 3),
                "female", "69123", KeycloakAdmin.FRANCE);

        TokenResponse tokens = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password());

        assertFalse(tokens.realmRoles().contains("holder"), "roles: " + tokens.realmRoles());
        assertTrue(tokens.realmRoles().contains("default-roles-cpa"), "roles: " + tokens.realmRoles());
        JsonNode user = admin.findUserByFederatedIdentity(CPA, "franceconnect", fc.id()).orElseThrow();
        String userId = user.path("id").asText();
        assertEquals(userId, tokens.subject());
        assertEquals("fc." + fc.id(), user.path("username").asText());
        assertFalse(admin.realmRoles(CPA, userId).contains("holder"));
        // FranceConnect+'s level of assurance comes through, with the time of that login: a strong login.
        assertEquals("eidas2", tokens.accessClaims().path("acr").asText());
        long authTime = tokens.accessClaims().path("auth_time").asLong();
        assertTrue(Math.abs(authTime - java.time.Instant.now().getEpochSecond()) < 120, "auth_time " + authTime);

        Map<String, List<String>> attributes = admin.attributes(CPA, userId);
        assertEquals(List.of("Testeur-Lefèvre"), attributes.get("family_name"));
        assertEquals(List.of("Élodie Marie"), attributes.get("given_name"));
        assertEquals(List.of("1991-02-03"), attributes.get("birthdate"));
        assertEquals(List.of("female"), attributes.get("gender"));
        assertEquals(List.of("69123"), attributes.get("birthplace"));
        assertEquals(List.of(KeycloakAdmin.FRANCE), attributes.get("birthcountry"));
        // FranceConnect's e-mail is not asked for, so it can never clash with a holder's.
        assertTrue(user.path("email").isMissingNode(), "email imported: " + user.path("email"));

        List<FederatedIdentity> links = admin.federatedIdentities(CPA, userId);
        assertEquals(List.of(new FederatedIdentity("franceconnect", fc.id(), fc.username())), links);
    }

    @Test
    void laterFranceConnectLoginsGiveTheSameCpaUser() {
        FranceConnectUser fc = newFranceConnectUser("Hugo", "Testeur", LocalDate.of(1979, 12, 31), "male", "13055",
                KeycloakAdmin.FRANCE);
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow();
        String first = flow.loginWithFranceConnect(fc.username(), fc.password()).subject();

        // Same browser: the cpa SSO session answers at once.
        assertEquals(first, flow.loginWithFranceConnect(fc.username(), fc.password()).subject());
        // New browser, through the button of the login page rather than kc_idp_hint.
        assertEquals(first, flow.newSession().loginWithFranceConnectButton(fc.username(), fc.password()).subject());
        // New browser with the hint.
        assertEquals(first, flow.newSession().loginWithFranceConnect(fc.username(), fc.password()).subject());
    }

    @Test
    void personBornAbroadGetsNoBirthplace() {
        FranceConnectUser fc = newFranceConnectUser("Ana", "Testeur-Ruiz", LocalDate.of(1988, 7, 9), "female", null,
                "99134");

        String sub = new AuthorizationCodeFlow().loginWithFranceConnect(fc.username(), fc.password()).subject();

        Map<String, List<String>> attributes = admin.attributes(CPA, sub);
        assertFalse(attributes.containsKey("birthplace"), "attributes: " + attributes.keySet());
        assertEquals(List.of("99134"), attributes.get("birthcountry"));
    }

    @Test
    void franceConnectEmailEqualToAHolderEmailDoesNotBlockTheFirstLogin() {
        JsonNode holder = admin.findUserByUsername(CPA, DemoLogins.HOLDER1_USERNAME).orElseThrow();
        String holderEmail = holder.path("email").asText();
        assertFalse(holderEmail.isEmpty());
        // A run that died before its clean-up may have left one: the simulator allows each e-mail once.
        admin.findUserByEmail(FC, holderEmail).ifPresent(u -> admin.deleteUser(FC, u.path("id").asText()));
        String username = "fc-test-same-mail-" + System.nanoTime();
        String password = "Fc-Same-Mail-123";
        String fcId = admin.createUser(FC, new KeycloakAdmin.NewUser(username, holderEmail, "Julien", "Martin",
                Map.of("birthdate", List.of("1985-05-14"), "gender", List.of("male"), "birthplace", List.of("75056"),
                        "birthcountry", List.of(KeycloakAdmin.FRANCE)),
                password, true, true));
        fcUserIds.add(fcId);

        TokenResponse tokens = new AuthorizationCodeFlow().loginWithFranceConnect(username, password);

        assertNotEquals(holder.path("id").asText(), tokens.subject(), "linked to the holder by e-mail");
        assertFalse(tokens.realmRoles().contains("holder"));
        assertEquals(holderEmail, admin.user(CPA, holder.path("id").asText()).path("email").asText());
    }

    @Test
    void failedLoginDoesNotWriteTheNirToKeycloaksLog() throws Exception {
        String local = System.getenv("CPA_LOCAL");
        Path log = (local == null ? LocalStack.repositoryRoot().resolve(".local") : Path.of(local))
                .resolve("logs/keycloak.log");
        assumeTrue(Files.isRegularFile(log), "Keycloak's log is not on this host");
        long before = Files.size(log);

        AuthorizationCodeFlow flow = new AuthorizationCodeFlow();
        Page failed = flow.submitLogin(flow.begin(), DemoLogins.HOLDER1_USERNAME, "Wrong-Pass456");
        flow.finish(flow.submitLogin(failed, DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD));
        Thread.sleep(1000); // the console log may reach the file a little later

        String written = tail(log, before);
        assertFalse(written.contains(DemoLogins.HOLDER1_USERNAME), "Keycloak logged a NIR");
    }

    private static FranceConnectUser newFranceConnectUser(String givenNames, String familyName, LocalDate birthdate,
            String gender, String birthplace, String birthcountry) {
        FranceConnectUser fc = admin.createFranceConnectUser(givenNames, familyName, birthdate, gender, birthplace,
                birthcountry);
        fcUserIds.add(fc.id());
        return fc;
    }

    private static String tail(Path file, long from) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= from) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** What the realm's userinfo endpoint answers for an access token. */
    private static String userinfo(String accessToken) {
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(LocalStack.KEYCLOAK_URL
                            + "/realms/cpa/protocol/openid-connect/userinfo"))
                            .header("Authorization", "Bearer " + accessToken).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            return answer.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
