package fr.cpa.platform.web.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.support.ProblemAssert;
import fr.cpa.platform.web.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test application allows 64 KiB bodies everywhere (cpa.web.max-body-size) but on its upload path, which keeps
 * Quarkus' limit of 256 KiB and reads chunked bodies as a stream.
 */
@QuarkusTest
class LargeBodyTest {

    private static final int UPLOAD_LIMIT = 256 * 1024;

    @TestHTTPResource
    URL base;

    @Test
    void theUploadPathTakesBodiesOverTheGeneralLimitWithALengthOrChunked() {
        given().contentType("application/octet-stream").body(new byte[200_000]).post("/test/uploads")
                .then().statusCode(200).body("bytes", equalTo(200_000));
        // RestAssured sends a stream of unknown length chunked.
        given().contentType("application/octet-stream").body(new ByteArrayInputStream(new byte[200_000]))
                .post("/test/uploads").then().statusCode(200).body("bytes", equalTo(200_000));
    }

    @Test
    void theUploadPathKeepsQuarkusLimit() throws IOException {
        // Sent raw: the server answers and closes before reading a body this size, which RestAssured takes badly.
        RawHttp.Answer answer = new RawHttp(base.getPort()).request("POST", "/test/uploads",
                Map.of("Content-Type", "application/octet-stream"), new byte[UPLOAD_LIMIT + 1]);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("urn:cpa:problem:payload-too-large"), answer.body());
        assertTrue(answer.body().contains(Integer.toString(UPLOAD_LIMIT)), answer.body());
    }

    @Test
    void otherPathsKeepTheGeneralLimit() {
        ProblemAssert.assertProblem(given().contentType("application/json").body(new byte[70_000])
                .post("/test/problems/people"), 413, "payload-too-large");
    }
}
