package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import fr.cpa.platform.testing.Browser.Form;
import fr.cpa.platform.testing.Browser.Page;

/** The browser's cookie jar, redirects and HTML reading, against a local server that behaves like Keycloak. */
class BrowserMechanicsTest {

    private HttpServer server;
    private String base;
    /** The Cookie header of every request, by path. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(path + " " + exchange.getRequestHeaders().getOrDefault("Cookie", List.of("")).get(0));
        switch (path) {
            case "/realms/a/login" -> {
                exchange.getResponseHeaders().add("Set-Cookie", "SESSION=a1;Version=1;Path=/realms/a/;Secure;HttpOnly");
                exchange.getResponseHeaders().add("Set-Cookie", "GONE=x;Path=/realms/a/;Secure");
                redirect(exchange, "/realms/b/login");
            }
            case "/realms/b/login" -> {
                exchange.getResponseHeaders().add("Set-Cookie", "SESSION=\"b1\";Path=/realms/b/;Secure");
                redirect(exchange, base + "/realms/a/done");
            }
            case "/realms/a/done" -> {
                exchange.getResponseHeaders().add("Set-Cookie",
                        "GONE=;Version=1;Path=/realms/a/;Max-Age=0;Expires=Thu, 01-Jan-1970 00:00:10 GMT");
                redirect(exchange, "http://localhost:5173/callback?code=c%2B1&state=s");
            }
            default -> html(exchange, """
                    <html><head><title>Se connecter &agrave; CPA &amp; co</title></head><body>
                    <h1 id="kc-page-title">  Connexion
                    </h1>
                    <span class="pf-m-error kc-feedback-text">Nom d&#39;utilisateur ou mot de passe invalide.</span>
                    <form id="kc-form-login" action="/realms/a/login-actions/authenticate?session_code=1&amp;tab_id=t"
                          method="post"><input id="username" name="username" value="185057511604218" type="text" autofocus
                       aria-invalid="true"/><input type="password" name="password" value="">
                      <input type="hidden" id="id-hidden-input" name="credentialId" />
                      <input type="checkbox" name="rememberMe"><input type="checkbox" name="terms" checked>
                      <button name="login" type="submit">Connexion</button></form>
                    <a id="social-franceconnect" type="button" href="/realms/a/broker/fc/login?client_id=x&amp;tab_id=t">
                      <svg><path d="M0"/></svg><span>FranceConnect</span></a>
                    <a href="/realms/a/reset">Mot de passe oubli&eacute; ?</a>
                    </body></html>""");
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void keepsSecureCookiesPerPathForgetsDeletedOnesAndStopsAtTheApplication() {
        Browser browser = new Browser().stopRedirectsAt("http://localhost:5173/");

        Page page = browser.get(base + "/realms/a/login");

        assertTrue(page.isRedirectTo("http://localhost:5173/callback"));
        assertEquals("c+1", page.queryParameter("code").orElseThrow());
        // Each realm's cookie went only to its own path, although both are Secure and sent over http.
        assertEquals(List.of("/realms/a/login ", "/realms/b/login ", "/realms/a/done SESSION=a1; GONE=x"), seen);
        assertEquals("a1", browser.cookie(base + "/realms/a/x", "SESSION").orElseThrow());
        assertEquals("\"b1\"", browser.cookie(base + "/realms/b/", "SESSION").orElseThrow());
        assertTrue(browser.cookie(base + "/realms/a/x", "GONE").isEmpty(), "Max-Age=0 deletes the cookie");
        assertTrue(browser.cookie(base + "/realms/c/", "SESSION").isEmpty());

        browser.clearCookies();
        assertTrue(browser.cookie(base + "/realms/a/x", "SESSION").isEmpty());
    }

    @Test
    void readsTheLoginFormLinksAndErrorOfAPage() {
        Page page = new Browser().get(base + "/realms/a/page");

        assertEquals("Se connecter à CPA & co", page.title());
        assertEquals("Connexion", page.heading());
        assertEquals("Nom d'utilisateur ou mot de passe invalide.", page.error().orElseThrow());
        Form form = page.loginForm();
        assertEquals(URI.create(base + "/realms/a/login-actions/authenticate?session_code=1&tab_id=t"), form.action());
        assertEquals("post", form.method());
        assertEquals(Map.of("username", "185057511604218", "password", "", "credentialId", "", "terms", "on"),
                form.fields());
        assertEquals("secret", form.with("password", "secret").fields().get("password"));
        assertEquals(URI.create(base + "/realms/a/broker/fc/login?client_id=x&tab_id=t"),
                page.link("social-franceconnect").orElseThrow().href());
        assertEquals("FranceConnect", page.link("social-franceconnect").orElseThrow().text());
        assertEquals(URI.create(base + "/realms/a/reset"), page.link("mot de passe oublié").orElseThrow().href());
        assertTrue(page.link("nothing like this").isEmpty());
        assertTrue(page.describe().contains("error 'Nom d'utilisateur ou mot de passe invalide.'"), page.describe());
    }
}
