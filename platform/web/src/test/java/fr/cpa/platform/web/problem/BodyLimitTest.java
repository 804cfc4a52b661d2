package fr.cpa.platform.web.problem;

import static fr.cpa.platform.web.support.ProblemAssert.assertNoLeak;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.support.ProblemAssert;
import fr.cpa.platform.web.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The test application limits bodies to 64 KiB. */
@QuarkusTest
class BodyLimitTest {

    private static final int LIMIT = 64 * 1024;

    @TestHTTPResource
    URL base;

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUpFront() {
        Map<String, Object> problem = ProblemAssert.assertProblem(given().contentType("application/json")
                .body(new byte[LIMIT + 1]).post("/test/problems/people"), 413, "payload-too-large");
        assertTrue(problem.get("detail").toString().contains(Integer.toString(LIMIT)));
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws IOException {
        RawHttp.Answer answer = new RawHttp(base.getPort()).send("POST /test/problems/people HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(LIMIT + 10));
        assertEquals(413, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertTrue(answer.body().contains("urn:cpa:problem:payload-too-large"), answer.body());
        assertNoLeak(answer.body());
    }

    @Test
    void aChunkedBodyUnderTheLimitIsRead() throws IOException {
        String json = "{\"name\":\"Ada\",\"birthDate\":\"1985-05-07\",\"address\":{\"street\":\"s\",\"postcode\":\"75001\"},\"age\":40}";
        RawHttp.Answer answer = new RawHttp(base.getPort()).send("POST /test/problems/people HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                chunk(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, answer.status(), answer.body());
    }

    private static byte[] chunked(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) ' ');
        content[0] = '[';
        return chunk(content);
    }

    private static byte[] chunk(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < content.length; at += 8192) {
            int length = Math.min(8192, content.length - at);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, at, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
