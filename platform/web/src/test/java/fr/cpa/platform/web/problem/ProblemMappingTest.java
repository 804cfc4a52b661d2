package fr.cpa.platform.web.problem;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static fr.cpa.platform.web.support.ProblemAssert.errors;
import static fr.cpa.platform.web.support.ProblemAssert.fields;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.CorrelationId;
import fr.cpa.platform.web.testapp.ProblemResource;
import fr.cpa.platform.web.testapp.TestAuthMechanism;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProblemMappingTest {

    @Test
    void domainNotFoundCarriesTheServiceDetailAndThePath() {
        Map<String, Object> problem = assertProblem(given().get("/test/problems/people/abc"), 404, "not-found");
        assertEquals("No person with this id.", problem.get("detail"));
        assertEquals("/test/problems/people/abc", problem.get("instance"));
        assertEquals("Not found", problem.get("title"));
    }

    @Test
    void domainConflictAndRuleRefusalKeepTheirTypeAndFields() {
        assertProblem(given().get("/test/problems/conflict"), 409, "conflict");
        Map<String, Object> refused = assertProblem(given().get("/test/problems/refused"), 422, "insufficient-rights");
        assertEquals("Insufficient rights", refused.get("title"));
        assertEquals(List.of(Map.of("field", "amount", "reason", "exceeds the available rights")), errors(refused));
    }

    @Test
    void aProblemWithARetryDelaySendsRetryAfterInWholeSeconds() {
        var busy = given().get("/test/problems/busy");
        assertProblem(busy, 429, "too-many-requests");
        assertEquals("3", busy.header("Retry-After"));
    }

    @Test
    void invalidPathQueryAndHeaderParametersAreNamed() {
        Map<String, Object> path = assertProblem(given().get("/test/problems/people/UPPER"), 400, "validation");
        assertEquals(List.of("id"), fields(path));

        Map<String, Object> query = assertProblem(
                given().header("X-Channel", "fax").queryParam("year", 1999).get("/test/problems/search"), 400,
                "validation");
        assertEquals(List.of("X-Channel", "year"), fields(query));
        assertFalse(query.toString().contains("1999"), "the value sent is not echoed");
    }

    @Test
    void anUnconvertibleParameterIsABadRequestNotANotFound() {
        Map<String, Object> problem = assertProblem(given().queryParam("count", ProblemResource.NIR + "0000")
                .get("/test/problems/typed"), 400, "validation");
        assertTrue(problem.get("detail").toString().contains("parameter"));
    }

    @Test
    void unknownPathIsNotFound() {
        assertProblem(given().get("/nowhere/at/all"), 404, "not-found");
        assertProblem(given().get("/test/problems/nowhere"), 404, "not-found");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(given().delete("/test/problems/conflict"), 405, "method-not-allowed");
        assertProblem(given().request("PROPFIND", "/test/problems/conflict"), 405, "method-not-allowed");
    }

    @Test
    void unacceptableAcceptIsNotAcceptable() {
        assertProblem(given().accept("text/csv").get("/test/problems/conflict"), 406, "not-acceptable");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        assertProblem(given().contentType("text/plain").body("name=x").post("/test/problems/people"), 415,
                "unsupported-media-type");
    }

    @Test
    void webApplicationExceptionsKeepTheirStatusWithoutTheirMessage() {
        assertProblem(given().get("/test/problems/status/503"), 503, "service-unavailable");
        assertProblem(given().get("/test/problems/status/429"), 429, "too-many-requests");
        assertProblem(given().get("/test/problems/status/418"), 418, "http-418");
        assertProblem(given().get("/test/problems/status/409"), 409, "conflict");
    }

    @Test
    void unexpectedErrorIsA500WithoutItsMessageAndIsLoggedWithTheRequestId() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord logged = (ExtLogRecord) record;
                logged.copyMdc(); // the MDC of the request's thread, not of the test's
                records.add(logged);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProblemExceptionMappers.class.getName());
        logger.addHandler(capture);
        try {
            Map<String, Object> problem = assertProblem(
                    given().header(CorrelationId.HEADER, "boom-1").get("/test/problems/boom"), 500, "internal-error");
            assertEquals("boom-1", problem.get("requestId"));
        } finally {
            logger.removeHandler(capture);
        }
        ExtLogRecord error = records.stream().filter(r -> r.getLevel() == org.jboss.logmanager.Level.ERROR).findFirst()
                .orElseThrow();
        assertEquals("boom-1", error.getMdc(CorrelationId.MDC_KEY));
        assertTrue(error.getThrown() instanceof IllegalStateException);
    }

    @Test
    void aReturnValueViolationIsTheServersFault() {
        assertProblem(given().get("/test/problems/bad-return"), 500, "internal-error");
    }

    @Test
    void securityExceptionsFromResources() {
        io.restassured.response.Response unauthorized = given().get("/test/problems/unauthorized");
        assertProblem(unauthorized, 401, "unauthenticated");
        assertEquals("TestUser", unauthorized.header("WWW-Authenticate"));
        assertProblem(given().get("/test/problems/authentication-failed"), 401, "unauthenticated");
        assertProblem(given().get("/test/problems/forbidden"), 403, "forbidden");
    }

    @Test
    void rolesAllowedAnonymousIs401AndWrongRoleIs403() {
        assertProblem(given().get("/test/problems/operators"), 401, "unauthenticated");
        assertProblem(given().header(TestAuthMechanism.USER, "alice").header(TestAuthMechanism.ROLES, "holder")
                .get("/test/problems/operators"), 403, "forbidden");
        given().header(TestAuthMechanism.USER, "olga").header(TestAuthMechanism.ROLES, "operator")
                .get("/test/problems/operators").then().statusCode(200);
    }

    @Test
    void failedProactiveAuthenticationIsA401Problem() {
        io.restassured.response.Response response = given().header(TestAuthMechanism.USER, TestAuthMechanism.REJECTED)
                .get("/test/problems/conflict");
        assertProblem(response, 401, "unauthenticated");
        assertEquals("TestUser", response.header("WWW-Authenticate"));
    }

    @Test
    void problemTypesAreStable() {
        assertEquals("urn:cpa:problem:idempotency-key-reused", ProblemType.IDEMPOTENCY_KEY_REUSED.uri());
        assertEquals(ProblemType.NOT_FOUND, ProblemType.forStatus(404));
        assertEquals("http-418", ProblemType.forStatus(418).slug());
    }
}
