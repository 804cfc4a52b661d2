package fr.cpa.platform.web.idempotency;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static fr.cpa.platform.web.support.ProblemAssert.fields;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.testapp.EffectLog;
import fr.cpa.platform.web.testapp.TestAuthMechanism;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class IdempotencyTest {

    @Inject
    EffectLog effects;

    @Inject
    IdempotencyStore store;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private static RequestSpecification write(String key, String ref) {
        return given().contentType("application/json").header(Idempotent.KEY_HEADER, key)
                .body("{\"ref\":\"" + ref + "\"}");
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithoutRunningAgain() {
        String key = unique("key");
        String ref = unique("replay");
        Response first = write(key, ref).post("/test/idempotent");
        first.then().statusCode(201).header(Idempotent.REPLAYED_HEADER, (String) null);
        Response retry = write(key, ref).post("/test/idempotent");
        retry.then().statusCode(201).header(Idempotent.REPLAYED_HEADER, "true");
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.contentType(), retry.contentType());
        assertEquals(1, effects.count(ref));
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIsRefused() {
        String key = unique("key");
        String ref = unique("reuse");
        write(key, ref).post("/test/idempotent").then().statusCode(201);
        assertProblem(write(key, ref + "-other").post("/test/idempotent"), 422, "idempotency-key-reused");
        assertProblem(write(key, ref).post("/test/idempotent/no-content"), 422, "idempotency-key-reused");
        assertEquals(1, effects.count(ref));
        assertEquals(0, effects.count(ref + "-other"));
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = unique("key");
        String ref = unique("callers");
        write(key, ref).header(TestAuthMechanism.USER, "alice").post("/test/idempotent").then().statusCode(201);
        write(key, ref).header(TestAuthMechanism.USER, "bob").post("/test/idempotent").then().statusCode(201)
                .header(Idempotent.REPLAYED_HEADER, (String) null);
        write(key, ref).header(TestAuthMechanism.USER, "alice").post("/test/idempotent").then().statusCode(201)
                .header(Idempotent.REPLAYED_HEADER, "true");
        assertEquals(2, effects.count(ref));
    }

    @Test
    void concurrentCallsWithOneKeyRunOnce() throws Exception {
        String key = unique("key");
        String ref = unique("concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> write(key, ref).queryParam("delayMs", 400).post("/test/idempotent"));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertProblem(response, 409, "idempotency-key-in-use");
                }
            }
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
            assertTrue(statuses.contains(409), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, effects.count(ref));
        write(key, ref).queryParam("delayMs", 400).post("/test/idempotent").then().statusCode(201)
                .header(Idempotent.REPLAYED_HEADER, "true");
    }

    @Test
    void aFailedCallIsNotStoredSoARetryRunsAgain() {
        String key = unique("key");
        String ref = unique("failing");
        assertProblem(write(key, ref).post("/test/idempotent/failing"), 500, "internal-error");
        assertProblem(write(key, ref).post("/test/idempotent/failing"), 500, "internal-error");
        assertEquals(2, effects.count(ref));

        String unavailable = unique("unavailable");
        write(key + "-503", unavailable).post("/test/idempotent/unavailable").then().statusCode(503);
        write(key + "-503", unavailable).post("/test/idempotent/unavailable").then().statusCode(503)
                .header(Idempotent.REPLAYED_HEADER, (String) null);
        assertEquals(2, effects.count(unavailable));

        String refused = unique("refused");
        assertProblem(write(key + "-422", refused).post("/test/idempotent/refused"), 422, "unprocessable");
        assertProblem(write(key + "-422", refused).post("/test/idempotent/refused"), 422, "unprocessable");
        assertEquals(2, effects.count(refused));
    }

    @Test
    void anAnswerWithoutBodyIsReplayedToo() {
        String key = unique("key");
        String ref = unique("empty");
        write(key, ref).post("/test/idempotent/no-content").then().statusCode(204);
        Response retry = write(key, ref).post("/test/idempotent/no-content");
        retry.then().statusCode(204).header(Idempotent.REPLAYED_HEADER, "true");
        assertEquals("", retry.asString());
        assertEquals(1, effects.count(ref));
    }

    @Test
    void aMissingOrInvalidKeyIsABadRequestNamingTheHeader() {
        String ref = unique("nokey");
        assertEquals(List.of(Idempotent.KEY_HEADER), fields(assertProblem(given().contentType("application/json")
                .body("{\"ref\":\"" + ref + "\"}").post("/test/idempotent"), 400, "validation")));
        for (String bad : new String[] { "", "a".repeat(129), "with space", "é" }) {
            assertEquals(List.of(Idempotent.KEY_HEADER),
                    fields(assertProblem(write(bad, ref).post("/test/idempotent"), 400, "validation")), bad);
        }
        write((unique("longest") + "k".repeat(128)).substring(0, 128), unique("longest")).post("/test/idempotent").then().statusCode(201);
        assertEquals(0, effects.count(ref));
    }

    @Test
    void anInvalidRequestReleasesTheKeyForTheCorrectedOne() {
        String key = unique("key");
        String ref = unique("invalid");
        assertProblem(write(key, "").post("/test/idempotent"), 400, "validation");
        write(key, ref).post("/test/idempotent").then().statusCode(201).header(Idempotent.REPLAYED_HEADER, (String) null);
        assertEquals(1, effects.count(ref));
    }

    @Test
    void expiredRecordsAreForgottenAndPurged() {
        String key = unique("key");
        String ref = unique("expiry");
        write(key, ref).post("/test/idempotent").then().statusCode(201);
        age(key);
        write(key, ref).post("/test/idempotent").then().statusCode(201).header(Idempotent.REPLAYED_HEADER, (String) null);
        assertEquals(2, effects.count(ref));

        age(key);
        assertTrue(store.purgeExpired() >= 1);
        assertEquals(0, effects.run("DELETE FROM platform_idempotency_record WHERE idempotency_key = ?", key));
    }

    private void age(String key) {
        assertEquals(1, effects.run("UPDATE platform_idempotency_record SET created_at = now() - interval '25 hours'"
                + " WHERE idempotency_key = ?", key));
    }
}
