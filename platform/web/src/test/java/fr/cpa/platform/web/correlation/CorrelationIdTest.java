package fr.cpa.platform.web.correlation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.CorrelationId;
import fr.cpa.platform.web.support.ProblemAssert;
import fr.cpa.platform.web.testapp.ProblemResource;
import fr.cpa.platform.web.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CorrelationIdTest {

    @TestHTTPResource
    URL base;

    @Test
    void aGivenIdIsEchoedAndBoundInTheMdcOnAWorkerThread() {
        Response response = given().header(CorrelationId.HEADER, "req-42.a_B").get("/test/correlation");
        response.then().statusCode(200);
        assertEquals("req-42.a_B", response.header(CorrelationId.HEADER));
        assertEquals("req-42.a_B", response.jsonPath().getString("mdc"));
        assertTrue(response.jsonPath().getString("thread").contains("executor"), response.asString());
    }

    @Test
    void theIdIsInTheMdcOnTheEventLoopToo() {
        Response response = given().header(CorrelationId.HEADER, "loop-1").get("/test/correlation/non-blocking");
        assertEquals("loop-1", response.jsonPath().getString("mdc"));
        assertTrue(response.jsonPath().getString("thread").contains("eventloop"), response.asString());
    }

    @Test
    void anAbsentIdIsGenerated() {
        Response first = given().get("/test/correlation");
        Response second = given().get("/test/correlation");
        String id = first.header(CorrelationId.HEADER);
        UUID.fromString(id);
        assertEquals(id, first.jsonPath().getString("mdc"));
        assertNotEquals(id, second.header(CorrelationId.HEADER));
    }

    @Test
    void aMaliciousIdIsReplaced() {
        for (String malicious : new String[] { "a".repeat(500), "abc\tforged log line", "x y", "é", "", ProblemResource.NIR,
                "id-" + ProblemResource.NIR.substring(2) }) {
            Response response = given().header(CorrelationId.HEADER, malicious).get("/test/correlation");
            String id = response.header(CorrelationId.HEADER);
            UUID.fromString(id);
            assertEquals(id, response.jsonPath().getString("mdc"));
        }
    }

    @Test
    void anIdFoldedOverTwoLinesIsReplaced() throws IOException {
        RawHttp.Answer answer = new RawHttp(base.getPort()).send("GET /test/correlation HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n" + CorrelationId.HEADER + ": abc\r\n forged=line", new byte[0]);
        assertEquals(200, answer.status(), answer.body());
        UUID.fromString(answer.header(CorrelationId.HEADER));
    }

    @Test
    void errorsOutsideJaxRsCarryTheIdToo() {
        Response response = given().header(CorrelationId.HEADER, "lost-1").get("/no/such/route");
        assertEquals("lost-1", ProblemAssert.assertProblem(response, 404, "not-found").get("requestId"));
    }

    @Test
    void theIdGoesOutWithRestClientCalls() {
        Response response = given().header(CorrelationId.HEADER, "chain-7").get("/test/correlation/outgoing");
        response.then().statusCode(200);
        assertEquals("chain-7", response.jsonPath().getString("received"));
    }
}
