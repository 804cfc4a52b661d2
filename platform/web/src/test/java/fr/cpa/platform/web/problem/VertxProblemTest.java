package fr.cpa.platform.web.problem;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static fr.cpa.platform.web.support.ProblemAssert.fields;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.CorrelationId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Plain Vert.x routes (the gateway's kind) answer problems through {@link Problems} and the failure handler. */
@QuarkusTest
class VertxProblemTest {

    @Test
    void sentProblemsCarryRetryAfterAndTheRequestId() {
        Response limited = given().header(CorrelationId.HEADER, "gw-1").get("/test/vertx/limited");
        assertEquals("gw-1", assertProblem(limited, 429, "too-many-requests").get("requestId"));
        assertEquals("2", limited.header("Retry-After"));
        assertEquals("Slow down.", limited.jsonPath().getString("detail"));
        assertProblem(given().get("/test/vertx/upstream-down"), 502, "bad-gateway");
    }

    @Test
    void failedRoutesBecomeProblems() {
        assertProblem(given().get("/test/vertx/status"), 504, "gateway-timeout");
        assertProblem(given().get("/test/vertx/thrown"), 500, "internal-error");
        assertEquals(List.of("q"), fields(assertProblem(given().get("/test/vertx/problem"), 400, "validation")));
    }
}
