package fr.cpa.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway behind a load balancer that ends TLS: the tests' own address is the trusted proxy, so each client it
 * names in X-Forwarded-For has a per-IP limit of its own, and every answer carries HSTS.
 */
@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
@TestProfile(BehindATlsProxyTest.Proxied.class)
class BehindATlsProxyTest {

    private static final int BURST = 3;

    public static class Proxied implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cpa.gateway.trusted-proxies", "127.0.0.0/8",
                    "cpa.gateway.tls-in-front", "true",
                    "%test.cpa.gateway.rate-limit.per-ip-per-second", "1",
                    "%test.cpa.gateway.rate-limit.per-ip-burst", Integer.toString(BURST));
        }
    }

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        assertTrue(refusedOf(8, i -> "198.51.100.1") >= 3, "a client past its burst is refused");
        for (int client = 2; client <= 4; client++) {
            for (int i = 0; i < BURST; i++) {
                assertEquals(200, status("198.51.100." + client), "client " + client + ", request " + (i + 1));
            }
        }
    }

    @Test
    void whatAClientWritesLeftOfTheProxysEntryIsNotBelieved() {
        assertTrue(refusedOf(8, i -> "10.9.9." + i + ", 203.0.113.50") >= 3,
                "one client, whatever it claims to forward for, has one limit");
    }

    @Test
    void theChainIsPassedOnAndHstsSent() {
        given().header("X-Forwarded-For", "192.0.2.1, 203.0.113.77").get("/api/echo/public/offers")
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .body("headers.x-forwarded-for", equalTo("192.0.2.1, 203.0.113.77, 127.0.0.1"));
        given().get("/api/nothing-here").then().statusCode(404)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    /** How many of {@code requests} requests are refused with 429 (the bucket refills 1 a second meanwhile). */
    private static int refusedOf(int requests, IntFunction<String> forwardedFor) {
        int refused = 0;
        for (int i = 0; i < requests; i++) {
            if (status(forwardedFor.apply(i)) == 429) {
                refused++;
            }
        }
        return refused;
    }

    private static int status(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).get("/api/echo/public/offers").statusCode();
    }
}
