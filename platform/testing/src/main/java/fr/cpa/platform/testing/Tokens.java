package fr.cpa.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the local Keycloak, for a person (password grant through the test-only client) or a
 * machine (client credentials). The demo clients and users are described in deploy/keycloak/README.md.
 */
public final class Tokens {

    public static final String REALM = "cpa";
    /** Test-only confidential client allowed to use the password grant; it does not exist in production. */
    public static final String TEST_CLIENT = "cpa-tests";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** A token for a person of the {@code cpa} realm. */
    public static String forUser(String username, String password) {
        return forUser(REALM, TEST_CLIENT, DemoLogins.secretOf(TEST_CLIENT), username, password);
    }

    public static String forUser(String realm, String clientId, String clientSecret, String username,
            String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return request(realm, form);
    }

    /** A token for one of the demo machine clients (employer, training organisation, funder, advisor, operator). */
    public static String forClient(String clientId) {
        return forClient(REALM, clientId, DemoLogins.secretOf(clientId));
    }

    public static String forClient(String realm, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return request(realm, form);
    }

    /** The claims of a token, decoded without checking it: for assertions on what Keycloak put in it. */
    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static String request(String realm, Map<String, String> form) {
        return tokenEndpoint(realm, form).path("access_token").asText();
    }

    /** Posts the form to the realm's token endpoint; the JSON answer, or an exception saying Keycloak's refusal. */
    static JsonNode tokenEndpoint(String realm, Map<String, String> form) {
        LocalStack.ensureUp();
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(LocalStack.KEYCLOAK_URL + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + form.get("client_id") + ": "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + LocalStack.KEYCLOAK_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
