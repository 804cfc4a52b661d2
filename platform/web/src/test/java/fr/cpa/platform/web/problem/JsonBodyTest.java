package fr.cpa.platform.web.problem;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static fr.cpa.platform.web.support.ProblemAssert.errors;
import static fr.cpa.platform.web.support.ProblemAssert.fields;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.testapp.ProblemResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class JsonBodyTest {

    private static final String VALID = """
            {"name":"Ada","birthDate":"1985-05-07","address":{"street":"1 rue Haute","postcode":"75001"},
             "items":[{"label":"a","amount":1}],"tags":["x"],"channel":"WEB","employer_siret":"12345678901234","age":40}""";

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post("/test/problems/people");
    }

    private static String with(String property, String json) {
        return VALID.replaceFirst("\"" + property + "\":(\"[^\"]*\"|\\{[^}]*\\}|\\[[^]]*\\]|[0-9]+)",
                "\"" + property + "\":" + json);
    }

    @Test
    void aValidBodyPasses() {
        post(VALID).then().statusCode(201);
    }

    @Test
    void beanValidationNamesTheClientsPropertyPaths() {
        String body = VALID.replace("\"75001\"", "\"7500\"").replace("\"name\":\"Ada\"", "\"name\":\" \"")
                .replace("[{\"label\":\"a\",\"amount\":1}]",
                        "[{\"label\":\"a\",\"amount\":1},{\"label\":\"b\",\"amount\":2},{\"label\":\"c\",\"amount\":-3}]")
                .replace("[\"x\"]", "[\"x\",\"\"]")
                .replace("12345678901234", ProblemResource.NIR);
        Map<String, Object> problem = assertProblem(post(body), 400, "validation");
        assertEquals(List.of("address.postcode", "employer_siret", "items[2].amount", "name", "tags[1]"),
                fields(problem));
    }

    @Test
    void aListBodyHasIndexedPaths() {
        Map<String, Object> problem = assertProblem(given().contentType("application/json")
                .body("[{\"label\":\"a\",\"amount\":1},{\"label\":\"\",\"amount\":1}]")
                .post("/test/problems/people/batch"), 400, "validation");
        assertEquals(List.of("[1].label"), fields(problem));
    }

    @Test
    void malformedJsonIsAMalformedBodyWithItsLocationOnly() {
        Map<String, Object> problem = assertProblem(post("{\"name\": \"" + ProblemResource.NIR + "\", oops}"), 400,
                "malformed-body");
        assertTrue(problem.get("detail").toString().contains("line 1"), problem.toString());
        assertProblem(post("{\"name\": \"Ada\""), 400, "malformed-body");
        assertProblem(post(VALID + " {}"), 400, "malformed-body");
        assertProblem(post(VALID.replace("{\"name\":\"Ada\",", "{\"name\":\"Ada\",\"name\":\"Bob\",")), 400,
                "malformed-body");
    }

    @Test
    void wrongJsonTypesNameTheFieldAndTheExpectedType() {
        Map<String, Object> problem = assertProblem(post(with("age", "\"" + ProblemResource.NIR + "\"")), 400,
                "validation");
        assertEquals(List.of(Map.of("field", "age", "reason", "must be an integer")), errors(problem));

        assertEquals(List.of("address"), fields(assertProblem(post(with("address", "[1,2]")), 400, "validation")));
        assertEquals(List.of("name"), fields(assertProblem(post(with("name", "12")), 400, "validation")));
        assertEquals(List.of("age"), fields(assertProblem(post(with("age", "1.5")), 400, "validation")));
        assertEquals(List.of("age"), fields(assertProblem(post(with("age", "null")), 400, "validation")));
        assertEquals(List.of("birthDate"), fields(assertProblem(post(with("birthDate", "\"07/05/1985\"")), 400,
                "validation")));
        assertEquals(List.of("age"),
                fields(assertProblem(post(with("age", "99999999999999999999999")), 400, "validation")));
    }

    @Test
    void decimalsAreReadWithinBoundsOnly() {
        post(VALID.replace("\"age\":40", "\"age\":40,\"weeklyHours\":12.5,\"share\":1E-2")).then().statusCode(201);

        String exponent = "must be a decimal number with an exponent from -9 to 9, if any";
        assertEquals(List.of(Map.of("field", "weeklyHours", "reason", exponent)),
                errors(assertProblem(post(VALID.replace("\"age\":40", "\"age\":40,\"weeklyHours\":1e30000000")),
                        400, "validation")));
        assertEquals(List.of(Map.of("field", "share", "reason", exponent)),
                errors(assertProblem(post(VALID.replace("\"age\":40", "\"age\":40,\"share\":-1E-2147483648")),
                        400, "validation")));
        assertEquals(List.of(Map.of("field", "weeklyHours", "reason",
                "must be a decimal number of at most 32 characters")),
                errors(assertProblem(post(VALID.replace("\"age\":40", "\"age\":40,\"weeklyHours\":0." + "0".repeat(40)
                        + "1")), 400, "validation")));
        // Past Jackson's own limit on a number's length, the body is refused before any property is read.
        assertProblem(post(VALID.replace("\"age\":40", "\"age\":40,\"weeklyHours\":" + "9".repeat(10_000))), 400,
                "malformed-body");
        // Integers take no exponent at all.
        assertEquals(List.of("age"), fields(assertProblem(post(with("age", "1e30000000")), 400, "validation")));
        assertEquals(List.of("items[0].amount"), fields(assertProblem(post(VALID.replace("\"amount\":1",
                "\"amount\":1e30000000")), 400, "validation")));
    }

    @Test
    void unknownEnumValueListsTheAcceptedOnes() {
        Map<String, Object> problem = assertProblem(post(with("channel", "\"FAX\"")), 400, "validation");
        assertEquals(List.of(Map.of("field", "channel", "reason", "must be one of: WEB, MOBILE")), errors(problem));
        assertProblem(post(with("channel", "1")), 400, "validation");
    }

    @Test
    void unknownPropertiesAreRefusedAndNamedOnlyWhenTheyLookLikeNames() {
        Map<String, Object> typo = assertProblem(post(VALID.replace("\"birthDate\"", "\"birthdate\"")), 400,
                "validation");
        assertEquals(List.of("birthdate"), fields(typo));
        Map<String, Object> hidden = assertProblem(post(VALID.replace("{\"street\"",
                "{\"" + ProblemResource.NIR + "\":1,\"street\"")), 400, "validation");
        assertEquals(List.of("address.*"), fields(hidden));
    }

    @Test
    void anEmptyOrAbsentBodyIsRefused() {
        assertProblem(post(""), 400, "malformed-body");
        assertProblem(given().contentType("application/json").post("/test/problems/people"), 400, "malformed-body");
        assertProblem(post("null"), 400, "malformed-body");
    }

    @Test
    void aBodyOfAnotherShapeIsMalformed() {
        Map<String, Object> problem = assertProblem(post("[" + VALID + "]"), 400, "malformed-body");
        assertEquals("The request body must be a single JSON value: an object.", problem.get("detail"));
        assertProblem(post("\"" + ProblemResource.NIR + "\""), 400, "malformed-body");
    }

    @Test
    void aMissingPrimitiveIsRefusedRatherThanZero() {
        assertEquals(List.of("age"), fields(assertProblem(post(VALID.replace(",\"age\":40", "")), 400, "validation")));
    }
}
