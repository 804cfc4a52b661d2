package fr.cpa.platform.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import fr.cpa.platform.web.CorrelationId;
import fr.cpa.platform.web.testapp.ProblemResource;
import io.restassured.response.Response;

/** Checks that an answer is a well-formed problem document of the expected kind. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static Map<String, Object> assertProblem(Response response, int status, String slug) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertEquals("application/problem+json", response.contentType(), body);
        assertNoLeak(body);
        Map<String, Object> problem = response.jsonPath().getMap("");
        assertEquals("urn:cpa:problem:" + slug, problem.get("type"), body);
        assertEquals(status, problem.get("status"), body);
        assertNotNull(problem.get("title"), body);
        assertNotNull(problem.get("detail"), body);
        assertNotNull(problem.get("requestId"), body);
        assertEquals(response.header(CorrelationId.HEADER), problem.get("requestId"), body);
        return problem;
    }

    /** The field errors of a problem, as field -> reason. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, String>> errors(Map<String, Object> problem) {
        Object errors = problem.get("errors");
        return errors == null ? List.of() : (List<Map<String, String>>) errors;
    }

    public static List<String> fields(Map<String, Object> problem) {
        return errors(problem).stream().map(e -> e.get("field")).toList();
    }

    /** No stack trace, no exception text, no NIR. */
    public static void assertNoLeak(String body) {
        assertFalse(body.contains(ProblemResource.SECRET), body);
        assertFalse(body.contains("\tat "), body);
        assertFalse(body.contains("Exception"), body);
        assertFalse(body.contains("at fr.cpa"), body);
        assertFalse(body.contains(ProblemResource.NIR), body);
        assertTrue(body.length() < 4000, "a problem stays short: " + body.length());
    }
}
