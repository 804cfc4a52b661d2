package fr.cpa.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Tokens;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class GatewayTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource
    URL base;

    @TestHTTPResource(management = true)
    URL management;

    /**
     * An HTTP/2-capable client on plain HTTP asks to upgrade (h2c), as Java's own HTTP client does by default: the
     * gateway answers in HTTP/1.1. With the upgrade accepted, a forwarded body was read twice and the call hung.
     */
    @Test
    void aClientAskingForAnHttp2UpgradeGetsItsAnswer() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest
                .newBuilder(base.toURI().resolve("/api/echo/things")).timeout(java.time.Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + holderToken()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, answer.version());
    }

    @Test
    void noTokenIsRefusedWithAProblem() {
        given().get("/api/echo/things")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:cpa:problem:unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void tokenOfAnotherRealmIsRefused() {
        String foreign = Tokens.forUser("franceconnect-sim", DemoLogins.FC_TEST_CLIENT,
                DemoLogins.secretOf(DemoLogins.FC_TEST_CLIENT), DemoLogins.FC_USER, DemoLogins.FC_PASSWORD);
        given().auth().oauth2(foreign).get("/api/echo/things")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = holderToken();
        String[] parts = token.split("\\.");
        // Same header and signature, a payload that claims something else: the signature no longer matches.
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"holder\"", "\"operator\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes()) + "." + parts[2];
        assertNotEquals(token, forged);
        given().auth().oauth2(forged).get("/api/echo/things")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not-a-jwt").get("/api/echo/things")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void expiredTokenIsRefused() throws InterruptedException {
        String shortLived = Tokens.forClient(DemoLogins.SHORT_LIVED_CLIENT);
        long expiresAt = Tokens.claims(shortLived).path("exp").asLong();
        given().auth().oauth2(shortLived).get("/api/echo/things").then().statusCode(403);
        while (System.currentTimeMillis() / 1000 <= expiresAt + 1) {
            Thread.sleep(250);
        }
        given().auth().oauth2(shortLived).get("/api/echo/things")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void validTokenWithoutTheRoutesRoleIsForbidden() {
        given().auth().oauth2(Tokens.forClient(DemoLogins.EMPLOYER_CLIENT)).get("/api/echo/things")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:cpa:problem:forbidden"));
    }

    @Test
    void validTokenIsForwardedWithTheCorrelationId() {
        String token = holderToken();
        given().auth().oauth2(token).header("X-Request-Id", "trace-me-42")
                .get("/api/echo/things?page=2&size=5")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-me-42")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/echo/things?page=2&size=5"))
                .body("headers.x-request-id", equalTo("trace-me-42"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }

    @Test
    void aCallersOwnForwardedForIsNotPassedOn() {
        // No trusted proxy is configured: the header is the caller's say-so, and the service learns the peer only.
        given().auth().oauth2(holderToken()).header("X-Forwarded-For", "203.0.113.9")
                .get("/api/echo/things")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }

    @Test
    void correlationIdIsMadeUpWhenMissingOrUnsafe() {
        String token = holderToken();
        Response plain = given().auth().oauth2(token).get("/api/echo/things");
        plain.then().statusCode(200).header("X-Request-Id", notNullValue());
        assertEquals(plain.header("X-Request-Id"), plain.path("headers.x-request-id"));

        given().auth().oauth2(token).header("X-Request-Id", "evil id; DROP TABLE")
                .get("/api/echo/things")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void publicPathNeedsNoToken() {
        given().get("/api/echo/public/offers").then().statusCode(200).body("headers", not(hasKey("authorization")));
        given().post("/api/echo/public/offers").then().statusCode(401);
    }

    @Test
    void bodyIsForwardedWhole() {
        byte[] body = new byte[40_000];
        java.util.Arrays.fill(body, (byte) 'a');
        given().auth().oauth2(holderToken()).contentType("application/octet-stream").body(body)
                .post("/api/echo/upload")
                .then().statusCode(200).body("bodyBytes", equalTo(40_000));
    }

    /** An upload that stops sending is cut off after the idle timeout (3 s in tests), not held for half an hour. */
    @Test
    void anUploadThatStopsSendingIsCutOff() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/echo/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + holderToken()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(new byte[1_000]);
            out.flush();
            // The gateway closes the connection (or answers) well before the 20 s this read waits.
            java.io.InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read;
            do {
                read = in.read(buffer);
            } while (read > 0);
            assertEquals(-1, read, "the connection was closed");
        }
    }

    @Test
    void oversizedBodyIsRefused() {
        byte[] body = new byte[70_000];
        given().auth().oauth2(holderToken()).contentType("application/json").body(body)
                .post("/api/echo/things")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:cpa:problem:payload-too-large"));
    }

    @Test
    void anUploadPathStreamsBodiesUpToTheUploadLimit() {
        byte[] body = new byte[600_000];
        given().auth().oauth2(holderToken()).contentType("text/csv").body(body)
                .post("/api/echo/uploads")
                .then().statusCode(200).body("bodyBytes", equalTo(600_000))
                .body("headers.content-length", equalTo("600000"));
        // A stream of unknown length goes chunked, and so on to the service.
        given().auth().oauth2(holderToken()).contentType("text/csv").body(new ByteArrayInputStream(body))
                .post("/api/echo/uploads")
                .then().statusCode(200).body("bodyBytes", equalTo(600_000))
                .body("headers.transfer-encoding", equalTo("chunked"));
    }

    @Test
    void anUploadOverTheUploadLimitIsRefused() throws IOException {
        String token = holderToken();
        // Sent raw: the gateway answers and closes before reading a body this size, which RestAssured takes badly.
        for (String length : List.of("Content-Length: 1100000", "Transfer-Encoding: chunked")) {
            try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/echo/uploads HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: text/csv\r\n" + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < 1_100_000; sent += chunk.length) {
                        if (length.startsWith("Transfer")) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(chunk);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        } else {
                            out.write(chunk, 0, Math.min(chunk.length, 1_100_000 - sent));
                        }
                    }
                    out.flush();
                } catch (SocketException e) {
                    // the gateway may close before reading it all
                }
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
                assertTrue(answer.contains("urn:cpa:problem:payload-too-large"), answer);
            }
        }
        // Other paths keep the usual limit.
        given().auth().oauth2(token).contentType("text/csv").body(new byte[70_000]).post("/api/echo/things")
                .then().statusCode(413);
    }

    @Test
    void unknownServiceIsNotFound() {
        given().get("/api/nothing-here/x").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void identitysAccessChecksAreNotRouted() {
        String token = holderToken();
        for (String path : List.of("/api/identity/access-checks", "/api/identity/access-checks/",
                "/api/identity//access-checks", "/api/identity/Access-Checks", "/api/identity/access-checks;v=1",
                "/api/identity/access%2Dchecks")) {
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"holderId\":\"x\",\"scope\":\"rights\",\"resource\":\"anything I like\"}")
                    .urlEncodingEnabled(false).post(path)
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo("urn:cpa:problem:not-found"));
        }
        given().post("/api/identity/access-checks").then().statusCode(404).contentType(PROBLEM);
        // Where identity serves them now: outside /api, so no route at all.
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .post("/internal/identity/access-checks")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void serviceDownIsAProblemNotAHang() {
        given().auth().oauth2(holderToken()).get("/api/down/anything")
                .then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("urn:cpa:problem:service-unavailable"))
                .body("detail", containsString("down"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        String token = holderToken();
        List<Response> answers = List.of(
                given().auth().oauth2(token).get("/api/echo/things"),
                given().get("/api/echo/things"),
                given().get("/api/nothing-here/x"),
                given().auth().oauth2(token).get("/api/down/anything"));
        for (Response answer : answers) {
            assertEquals(List.of("nosniff"), answer.headers().getValues("X-Content-Type-Options"));
            assertEquals(List.of("DENY"), answer.headers().getValues("X-Frame-Options"));
            assertEquals(List.of("frame-ancestors 'none'"), answer.headers().getValues("Content-Security-Policy"));
            assertEquals(List.of("no-store"), answer.headers().getValues("Cache-Control"));
            // Plain HTTP, no TLS in front: HSTS would mean nothing.
            assertEquals(List.of(), answer.headers().getValues("Strict-Transport-Security"));
        }
        given().get("/openapi").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aServicesOwnHeadersAreKeptOrReplacedNotDoubled() {
        Response answer = given().auth().oauth2(holderToken())
                .header("X-Echo-Set-Cache-Control", "public, max-age=60")
                .header("X-Echo-Set-X-Frame-Options", "SAMEORIGIN")
                .header("X-Echo-Set-X-Content-Type-Options", "nosniff")
                .get("/api/echo/public-things");
        assertEquals(List.of("public, max-age=60"), answer.headers().getValues("Cache-Control"));
        assertEquals(List.of("DENY"), answer.headers().getValues("X-Frame-Options"));
        assertEquals(List.of("nosniff"), answer.headers().getValues("X-Content-Type-Options"));
    }

    @Test
    void corsAllowsTheSpaOriginOnly() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/echo/things")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/echo/things")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aggregatedOpenApiHasEveryAnsweringService() {
        given().get("/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/echo/things"))
                .body("components.schemas", hasKey("Thing"));
    }

    @Test
    void managementEndpointsAreOnTheManagementPortOnly() {
        assertNotEquals(base.getPort(), management.getPort());
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/well", "/q/metrics")) {
            given().get(path).then().statusCode(404).contentType(PROBLEM);
        }
        given().get(onManagement("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(onManagement("/q/health/live")).then().statusCode(200);
        // The API's documentation stays public.
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/openapi").then().statusCode(200);
    }

    @Test
    void healthReportsTheStack() {
        given().get(onManagement("/q/health/ready"))
                .then().statusCode(200)
                .body("checks.find { it.name == 'keycloak' }.status", equalTo("UP"));
        given().get(onManagement("/q/health/well"))
                .then().body("checks.find { it.name == 'stack' }.data.kafka", equalTo("UP"))
                .body("checks.find { it.name == 'services' }.data.down", equalTo("DOWN"))
                .body("checks.find { it.name == 'services' }.data", hasKey("identity"))
                // Services not built yet are not routed, so not probed either.
                .body("checks.find { it.name == 'services' }.data", not(hasKey("project")))
                .body("checks.find { it.name == 'services' }.data", not(hasKey("payslips")));
    }

    private String onManagement(String path) {
        return "http://" + management.getHost() + ":" + management.getPort() + path;
    }

    static String holderToken() {
        return Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);
    }
}
