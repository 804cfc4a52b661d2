package fr.cpa.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.cpa.gateway.rate-limit.per-ip-per-second", "1",
                    "%test.cpa.gateway.rate-limit.per-ip-burst", "5",
                    "%test.cpa.gateway.rate-limit.public-writes-per-ip-per-minute", "1",
                    "%test.cpa.gateway.rate-limit.public-writes-per-ip-burst", "2");
        }
    }

    @Test
    void burstBeyondTheLimitGets429WithRetryAfter() {
        int refused = 0;
        Response last = null;
        for (int i = 0; i < 12; i++) {
            Response r = given().get("/api/echo/public/offers");
            if (r.statusCode() == 429) {
                refused++;
                last = r;
            }
        }
        assertTrue(refused >= 5, "expected most of the burst beyond 5 to be refused, got " + refused);
        last.then().contentType("application/problem+json")
                .body("type", equalTo("urn:cpa:problem:too-many-requests"));
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
    }

    @Test
    void writesWithoutATokenHaveTheirOwnLowerLimit() throws InterruptedException {
        Thread.sleep(5_000); // the per-IP bucket of the other test refills (1 per second, burst 5)
        int accepted = 0;
        Response refused = null;
        for (int i = 0; i < 4; i++) {
            Response r = given().contentType("application/json").body("{}").post("/api/echo/public/registrations");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                accepted++;
            }
        }
        assertEquals(2, accepted, "the burst of 2 anonymous writes passes, the rest waits a minute");
        refused.then().body("type", equalTo("urn:cpa:problem:too-many-requests"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 30);
    }
}
