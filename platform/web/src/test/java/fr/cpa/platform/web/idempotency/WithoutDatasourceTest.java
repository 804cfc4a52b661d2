package fr.cpa.platform.web.idempotency;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The gateway's case: the library without a datasource still starts, and only @Idempotent methods refuse to run. */
@QuarkusTest
@TestProfile(WithoutDatasourceTest.NoDatasource.class)
class WithoutDatasourceTest {

    public static class NoDatasource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // An empty value removes the property: no URL, so no active datasource, as in the gateway.
            return Map.of("quarkus.datasource.jdbc.url", "");
        }
    }

    @Inject
    IdempotencyStore store;

    @Test
    void theApplicationServesAndTheStoreIsInert() {
        given().get("/test/items").then().statusCode(200);
        store.purgeOnSchedule();
    }

    @Test
    void anIdempotentMethodFailsLoudly() {
        assertProblem(given().contentType("application/json").header(Idempotent.KEY_HEADER, UUID.randomUUID().toString())
                .body("{\"ref\":\"x\"}").post("/test/idempotent"), 500, "internal-error");
    }
}
