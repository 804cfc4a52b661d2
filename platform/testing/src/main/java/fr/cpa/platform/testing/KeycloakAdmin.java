package fr.cpa.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API for test set-up and assertions, as the master realm's administrator: users created at
 * run time (the stack's data persists between runs, so tests make fresh ones and delete them), their attributes,
 * roles and identity-provider links. Credentials: system properties {@code cpa.keycloak.admin} /
 * {@code cpa.keycloak.admin.password}, else the environment variables {@code CPA_KEYCLOAK_ADMIN} /
 * {@code CPA_KEYCLOAK_ADMIN_PASSWORD}, else those the stack script bootstraps the admin with, else admin/admin.
 */
public final class KeycloakAdmin {

    public static final String FRANCECONNECT_REALM = "franceconnect-sim";
    /** INSEE country code of France, the birth country of people with a birth commune. */
    public static final String FRANCE = "99100";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user to create. Null fields are left out; {@code attributes} may be empty. */
    public record NewUser(String username, String email, String firstName, String lastName,
                          Map<String, List<String>> attributes, String password, boolean enabled,
                          boolean emailVerified) {

        @Override
        public String toString() {
            return "NewUser[" + username + "]";
        }
    }

    /**
     * A person of the FranceConnect simulator: {@code id} is also the {@code sub} FranceConnect gives to cpa, hence
     * the user id of the link in realm cpa.
     */
    public record FranceConnectUser(String id, String username, String password, String email) {

        @Override
        public String toString() {
            return "FranceConnectUser[" + username + "]";
        }
    }

    /** A user's link to an identity provider: the provider's alias and the user's id and name there. */
    public record FederatedIdentity(String identityProvider, String userId, String userName) {
    }

    private final String baseUrl;
    private final String username;
    private final String password;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public KeycloakAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    /** The local stack's Keycloak with the configured administrator. */
    public static KeycloakAdmin connect() {
        LocalStack.ensureUp();
        return new KeycloakAdmin(LocalStack.KEYCLOAK_URL,
                setting("cpa.keycloak.admin", "CPA_KEYCLOAK_ADMIN", "KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                setting("cpa.keycloak.admin.password", "CPA_KEYCLOAK_ADMIN_PASSWORD", "KC_BOOTSTRAP_ADMIN_PASSWORD",
                        "admin"));
    }

    /** Creates a user and returns its id; fails when Keycloak refuses (duplicate, user profile, password policy). */
    public String createUser(String realm, NewUser user) {
        ObjectNode rep = JSON.createObjectNode();
        rep.put("username", user.username());
        putIfPresent(rep, "email", user.email());
        putIfPresent(rep, "firstName", user.firstName());
        putIfPresent(rep, "lastName", user.lastName());
        rep.put("enabled", user.enabled());
        rep.put("emailVerified", user.emailVerified());
        if (user.attributes() != null && !user.attributes().isEmpty()) {
            rep.set("attributes", JSON.valueToTree(user.attributes()));
        }
        if (user.password() != null) {
            ArrayNode credentials = rep.putArray("credentials");
            credentials.addObject().put("type", "password").put("value", user.password()).put("temporary", false);
        }
        HttpResponse<String> response = send("POST", "/admin/realms/" + realm + "/users", rep.toString());
        if (response.statusCode() != 201) {
            // The body names the refused rule; the representation is not echoed (it holds the password).
            throw new IllegalStateException("Keycloak refused to create user " + user.username() + " in " + realm
                    + ": " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location for the created user"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Puts the user in the realm's group of that path (e.g. {@code /holders}), whose roles the user then has. */
    public void addToGroup(String realm, String userId, String groupPath) {
        String groupId = getJson("/admin/realms/" + realm + "/group-by-path" + groupPath).path("id").asText();
        HttpResponse<String> response = send("PUT", "/admin/realms/" + realm + "/users/" + userId + "/groups/"
                + groupId, null);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused to put user " + userId + " in " + groupPath + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** The user with exactly this username (Keycloak stores them in lower case), as Keycloak represents it. */
    public Optional<JsonNode> findUserByUsername(String realm, String username) {
        JsonNode users = getJson("/admin/realms/" + realm + "/users?exact=true&briefRepresentation=false&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        for (JsonNode user : users) {
            if (user.path("username").asText().equalsIgnoreCase(username)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    /** The user with exactly this e-mail address, if any. */
    public Optional<JsonNode> findUserByEmail(String realm, String email) {
        JsonNode users = getJson("/admin/realms/" + realm + "/users?exact=true&briefRepresentation=false&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
        for (JsonNode user : users) {
            if (user.path("email").asText().equalsIgnoreCase(email)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    /** The user linked to this identity-provider account (for FranceConnect: its {@code sub}), if any. */
    public Optional<JsonNode> findUserByFederatedIdentity(String realm, String identityProvider, String idpUserId) {
        JsonNode users = getJson("/admin/realms/" + realm + "/users?briefRepresentation=false&idpAlias="
                + URLEncoder.encode(identityProvider, StandardCharsets.UTF_8) + "&idpUserId="
                + URLEncoder.encode(idpUserId, StandardCharsets.UTF_8));
        return users.size() == 0 ? Optional.empty() : Optional.of(users.get(0));
    }

    public JsonNode user(String realm, String userId) {
        return getJson("/admin/realms/" + realm + "/users/" + userId);
    }

    /** The user's attributes (those of the user profile and the pivot attributes the broker copies). */
    public Map<String, List<String>> attributes(String realm, String userId) {
        JsonNode attributes = user(realm, userId).path("attributes");
        return attributes.isMissingNode() ? Map.of()
                : JSON.convertValue(attributes, new TypeReference<LinkedHashMap<String, List<String>>>() { });
    }

    public List<FederatedIdentity> federatedIdentities(String realm, String userId) {
        List<FederatedIdentity> links = new ArrayList<>();
        for (JsonNode link : getJson("/admin/realms/" + realm + "/users/" + userId + "/federated-identity")) {
            links.add(new FederatedIdentity(link.path("identityProvider").asText(), link.path("userId").asText(),
                    link.path("userName").asText()));
        }
        return links;
    }

    /** The realm roles mapped to the user, composites expanded (default-roles-... brings offline_access...). */
    public List<String> realmRoles(String realm, String userId) {
        List<String> roles = new ArrayList<>();
        getJson("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm/composite")
                .forEach(r -> roles.add(r.path("name").asText()));
        return roles;
    }

    /** Deletes the user; nothing happens when it is already gone, so clean-up can run twice. */
    public void deleteUser(String realm, String userId) {
        HttpResponse<String> response = send("DELETE", "/admin/realms/" + realm + "/users/" + userId, null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("Keycloak refused to delete user " + userId + " in " + realm + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A new person in the FranceConnect simulator, with a unique username and e-mail, so every run gets an identity
     * never seen before. {@code birthplace} is the INSEE commune code, null when born abroad; {@code birthcountry}
     * the INSEE country code ({@link #FRANCE} for France); {@code gender} {@code male} or {@code female}. The
     * simulator gives the first and last names as {@code given_name} and {@code family_name}.
     */
    public FranceConnectUser createFranceConnectUser(String givenNames, String familyName, LocalDate birthdate,
            String gender, String birthplace, String birthcountry) {
        String suffix = HexFormat.of().formatHex(randomBytes(6));
        String username = "fc-test-" + suffix;
        String email = username + "@fc-sim.localhost";
        String password = "Fc-" + HexFormat.of().formatHex(randomBytes(6)) + "-Aa123";
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("birthdate", List.of(birthdate.toString()));
        attributes.put("gender", List.of(gender));
        attributes.put("birthcountry", List.of(birthcountry));
        if (birthplace != null) {
            attributes.put("birthplace", List.of(birthplace));
        }
        String id = createUser(FRANCECONNECT_REALM,
                new NewUser(username, email, givenNames, familyName, attributes, password, true, true));
        return new FranceConnectUser(id, username, password, email);
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin GET " + pathOnly(path) + ": " + response.statusCode()
                    + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("unexpected answer to GET " + pathOnly(path), e);
        }
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(request.build());
    }

    /** The admin token; renewed shortly before it expires (master realm tokens live a minute). */
    private synchronized String token() {
        if (token != null && Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the admin login of " + username + ": "
                    + response.statusCode() + " " + response.body());
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            token = json.path("access_token").asText();
            tokenExpiry = Instant.now().plusSeconds(Math.max(0, json.path("expires_in").asLong(60) - 10));
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("unexpected answer from the master token endpoint", e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String setting(String property, String env, String stackEnv, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        if (value == null || value.isBlank()) {
            value = System.getenv(stackEnv);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
