package fr.cpa.platform.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import fr.cpa.platform.testing.Browser.Page;

/**
 * Logs in the way the SPA does: authorization code flow with PKCE S256, state and nonce, for the public client
 * {@code cpa-spa}, through Keycloak's real pages driven by a {@link Browser}. Unlike {@link Tokens} (password grant of
 * a test-only client), this exercises the login pages, the identity brokering to FranceConnect and the SSO session.
 *
 * <p>The browser keeps its cookies between logins, so a second login reuses Keycloak's SSO session and shows no
 * page; {@link #newSession()} starts over with an empty browser. Failures are {@link AssertionError}s naming the page
 * Keycloak showed (title, heading, visible error), never the password.
 */
public final class AuthorizationCodeFlow {

    public static final String REALM = "cpa";
    public static final String CLIENT_ID = "cpa-spa";
    /** Nothing listens there: the browser stops at the redirect and the code is read from its URL. */
    public static final String REDIRECT_URI = "http://localhost:5173/callback";
    public static final String FRANCECONNECT_ALIAS = "franceconnect";
    /** The id of the FranceConnect button on the cpa login page (Keycloak names it social-&lt;alias&gt;). */
    public static final String FRANCECONNECT_BUTTON = "social-" + FRANCECONNECT_ALIAS;
    public static final String FRANCECONNECT_REALM = "franceconnect-sim";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the token endpoint answered. {@link #toString()} hides the tokens. */
    public record TokenResponse(String accessToken, String idToken, String refreshToken, String scope) {

        public JsonNode accessClaims() {
            return Tokens.claims(accessToken);
        }

        public JsonNode idClaims() {
            return Tokens.claims(idToken);
        }

        /** The Keycloak user id the tokens are for. */
        public String subject() {
            return accessClaims().path("sub").asText();
        }

        public List<String> realmRoles() {
            List<String> roles = new ArrayList<>();
            accessClaims().path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
            return roles;
        }

        @Override
        public String toString() {
            return "TokenResponse[sub=" + subject() + ", scope=" + scope + "]";
        }
    }

    /** The secrets of the authorization request in progress. */
    private record Pending(String verifier, String state, String nonce) {
    }

    private final Browser browser;
    private final String realm;
    private final String clientId;
    private final String redirectUri;
    private Pending pending;

    /** The SPA's client and redirect URI, in a new browser. */
    public AuthorizationCodeFlow() {
        this(new Browser());
    }

    /**
     * The test client whose logins say acr=eidas2, in a new browser: a strong login as FranceConnect+ gives one
     * (with its auth_time), through the login page instead of the FranceConnect pages.
     */
    public static AuthorizationCodeFlow strongLogin() {
        return new AuthorizationCodeFlow(new Browser(), REALM, DemoLogins.STRONG_LOGIN_CLIENT, REDIRECT_URI);
    }

    public AuthorizationCodeFlow(Browser browser) {
        this(browser, REALM, CLIENT_ID, REDIRECT_URI);
    }

    public AuthorizationCodeFlow(Browser browser, String realm, String clientId, String redirectUri) {
        LocalStack.ensureUp();
        this.browser = browser.stopRedirectsAt(redirectUri);
        this.realm = realm;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    public Browser browser() {
        return browser;
    }

    /** The same client in a new, empty browser: no SSO session, as another device would be. */
    public AuthorizationCodeFlow newSession() {
        return new AuthorizationCodeFlow(new Browser(), realm, clientId, redirectUri);
    }

    /** Logs in on the cpa login page, or through the SSO session when there is one already. */
    public TokenResponse loginWithPassword(String username, String password) {
        Page page = begin();
        if (!page.isRedirectTo(redirectUri)) {
            page = submitLogin(requireLoginPage(page, realm), username, password);
        }
        return finish(page);
    }

    /** A login that must not show any page: the browser's SSO session is enough. */
    public TokenResponse loginWithSso() {
        return finish(begin());
    }

    /**
     * Logs in through FranceConnect as the SPA does with {@code kc_idp_hint=franceconnect}: straight to the
     * simulator's login page, then back through the broker. No cpa page may appear on the way, including on a first
     * login (the realm's first-broker-login flow creates the user silently).
     */
    public TokenResponse loginWithFranceConnect(String fcUsername, String fcPassword) {
        return throughFranceConnect(begin(Map.of("kc_idp_hint", FRANCECONNECT_ALIAS)), fcUsername, fcPassword);
    }

    /** As {@link #loginWithFranceConnect}, but by clicking the FranceConnect button of the cpa login page. */
    public TokenResponse loginWithFranceConnectButton(String fcUsername, String fcPassword) {
        Page page = begin();
        if (!page.isRedirectTo(redirectUri)) {
            Page loginPage = requireLoginPage(page, realm);
            page = browser.click(loginPage.link(FRANCECONNECT_BUTTON).orElseThrow(
                    () -> new AssertionError("no FranceConnect button on " + loginPage.describe())));
        }
        return throughFranceConnect(page, fcUsername, fcPassword);
    }

    private TokenResponse throughFranceConnect(Page page, String fcUsername, String fcPassword) {
        if (!page.isRedirectTo(redirectUri)) {
            // Without a FranceConnect session the simulator asks who you are; with one, it redirects straight back.
            page = submitLogin(requireLoginPage(page, FRANCECONNECT_REALM), fcUsername, fcPassword);
        }
        return finish(page);
    }

    /**
     * Starts a new authorization request (fresh PKCE verifier, state and nonce) and returns where the browser ends:
     * a login page, or already the redirect to the application when an SSO session exists.
     */
    public Page begin() {
        return begin(Map.of());
    }

    /** As {@link #begin()}, with extra authorization request parameters ({@code kc_idp_hint}, {@code prompt}...). */
    public Page begin(Map<String, String> extraParameters) {
        String verifier = randomToken(32);
        pending = new Pending(verifier, randomToken(16), randomToken(16));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.putAll(extraParameters);
        return browser.get(realmUrl(realm) + "/protocol/openid-connect/auth?" + Browser.encode(query));
    }

    /** Fills the page's login form with these credentials and submits it. */
    public Page submitLogin(Page loginPage, String username, String password) {
        Browser.Form form = loginPage.loginForm();
        if (!form.has("username") || !form.has("password")) {
            throw new AssertionError("not a username/password form on " + loginPage.describe());
        }
        return browser.submit(form.with("username", username).with("password", password));
    }

    /**
     * Reads the code from the redirect to the application, checks the state, exchanges the code with the PKCE
     * verifier and checks the ID token's nonce.
     */
    public TokenResponse finish(Page page) {
        if (pending == null) {
            throw new IllegalStateException("no authorization request in progress: call begin() first");
        }
        if (!page.isRedirectTo(redirectUri)) {
            throw new AssertionError("Keycloak showed a page instead of redirecting to the application: "
                    + page.describe());
        }
        Pending request = pending;
        pending = null;
        if (page.queryParameter("error").isPresent()) {
            throw new AssertionError("Keycloak redirected with error " + page.queryParameter("error").get() + ": "
                    + page.queryParameter("error_description").orElse(""));
        }
        String state = page.queryParameter("state").orElse(null);
        if (!request.state().equals(state)) {
            throw new AssertionError("state mismatch in the redirect to the application");
        }
        String code = page.queryParameter("code")
                .orElseThrow(() -> new AssertionError("no code in the redirect to the application"));
        TokenResponse tokens = exchange(code, request.verifier());
        if (tokens.idToken() == null || !request.nonce().equals(tokens.idClaims().path("nonce").asText())) {
            throw new AssertionError("the ID token does not carry the nonce of the request");
        }
        return tokens;
    }

    private TokenResponse exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("code_verifier", verifier);
        JsonNode json = Tokens.tokenEndpoint(realm, form);
        return new TokenResponse(json.path("access_token").asText(), text(json, "id_token"),
                text(json, "refresh_token"), text(json, "scope"));
    }


    /** The page must be the login page of {@code expectedRealm}; anything else fails, describing what was shown. */
    private static Page requireLoginPage(Page page, String expectedRealm) {
        boolean inRealm = page.uri().getPath().startsWith("/realms/" + expectedRealm + "/");
        boolean loginForm = page.status() == 200 && page.form("kc-form-login")
                .map(f -> f.has("username") && f.has("password")).orElse(false);
        if (!inRealm || !loginForm) {
            throw new AssertionError("expected the login page of realm " + expectedRealm + ", Keycloak showed: "
                    + page.describe());
        }
        return page;
    }

    private static String realmUrl(String realm) {
        return LocalStack.KEYCLOAK_URL + "/realms/" + realm;
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** RFC 7636: BASE64URL(SHA-256(ASCII(verifier))). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
