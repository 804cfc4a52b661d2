package fr.cpa.platform.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.web.support.ProblemAssert;
import fr.cpa.platform.web.support.RawHttp;
import fr.cpa.platform.web.testapp.ProblemResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thousands of malformed requests, from a fixed seed, against the test resources: none may fail the server (5xx),
 * every refusal must be a problem document, and no answer may show a stack trace or the NIR hidden in the requests.
 * Requests refused before any route runs are out of scope, as no application code can shape their answer: what
 * the HTTP decoder rejects (invalid header names, lines over the limits) and request targets that are not valid
 * URIs (bad percent-encoding), which Quarkus' root handler answers with an empty 400.
 */
@QuarkusTest
class MalformedRequestFuzzTest {

    private static final int REQUESTS = 3200;
    private static final long SEED = 20_240_917L;
    private static final String NIR = ProblemResource.NIR;
    private static final int LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String VALID = "{\"name\":\"" + NIR + "\",\"birthDate\":\"1985-05-07\","
            + "\"address\":{\"street\":\"" + NIR + "\",\"postcode\":\"75001\"},"
            + "\"items\":[{\"label\":\"" + NIR + "\",\"amount\":1}],\"tags\":[\"" + NIR + "\"],\"channel\":\"WEB\","
            + "\"employer_siret\":\"12345678901234\",\"age\":40}";
    private static final String[] JSON_VALUES = { "\"" + NIR + "\"", NIR, "-" + NIR + "." + NIR, "1e999999", "true",
            "null", "[]", "{}", "[\"" + NIR + "\"]", "{\"" + NIR + "\":\"" + NIR + "\"}", "\"\\uD800\"", "\"\\u0000\"",
            "-0", "\"2024-02-30\"", "\"WEB \"", "0x10", "NaN", "'" + NIR + "'" };
    private static final String[] ODD_METHODS = { "PUT", "PATCH", "DELETE", "GET", "HEAD", "OPTIONS", "TRACE",
            "PROPFIND", "FOO", "get", "POST" };
    private static final String[] CONTENT_TYPES = { "application/json", "application/json", "application/json",
            "application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=nope",
            "text/plain", "application/xml", "*/*", "a/b/c", "application/problem+json", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=" + NIR, "application/json;;;", NIR, null };
    private static final String[] ACCEPTS = { "application/json", "*/*", null, null, null, "text/html", "application/xml", "x/y;q=" + NIR,
            ";;;", "application/json;q=0", "text/*, " + NIR, null };
    // Each target with the method it answers; a target is mostly called with its own method.
    private static final String[][] TARGETS = { { "POST", "/test/problems/people" },
            { "POST", "/test/problems/people" }, { "POST", "/test/problems/people" },
            { "POST", "/test/problems/people/batch" }, { "POST", "/test/idempotent" },
            { "POST", "/test/idempotent/no-content" }, { "GET", "/test/items" }, { "GET", "/test/items" },
            { "GET", "/test/problems/search" }, { "GET", "/test/problems/typed" }, { "GET", "/test/problems/people/abc" },
            { "GET", "/test/problems/conflict" }, { "GET", "/test/correlation" }, { "GET", "/nowhere" },
            { "GET", "/test/problems/people/%C0%AF" }, { "GET", "/test/items/%00" },
            { "GET", "/test/./problems/../items" }, { "GET", "//test//items" }, { "GET", "/test/problems/status/abc" } };
    private static final String[] QUERIES = { "", "page=" + NIR, "size=-1", "page=1&size=1000", "year=abc",
            "year=" + NIR, "count=" + NIR, "page=%2F..%2F", "page=%00", "size=1e3", "page=&size=", "q=%FF%FE",
            "delayMs=" + NIR, "page=1&page=2", "x=" + "y".repeat(2000) };

    @TestHTTPResource
    URL base;

    private final Random random = new Random(SEED);
    private final String run = UUID.randomUUID().toString();

    @Test
    void noMalformedRequestFailsTheServerOrLeaks() throws IOException {
        RawHttp http = new RawHttp(base.getPort());
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            String[] endpoint = pick(TARGETS);
            String method = random.nextInt(5) == 0 ? pick(ODD_METHODS) : endpoint[0];
            String target = endpoint[1];
            String query = pick(QUERIES);
            byte[] body = method.equals("GET") || method.equals("HEAD") ? maybeBody() : body();
            Map<String, String> headers = headers(i);
            String description = i + ": " + method + " " + target + "?" + query + " " + headers.keySet() + " body "
                    + body.length + "B";
            RawHttp.Answer answer = http.request(method, target + (query.isEmpty() ? "" : "?" + query), headers, body);
            statuses.merge(answer.status(), 1, Integer::sum);
            check(answer, method, description);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 60, "took " + seconds + " s");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300), "some requests pass: " + statuses);
        assertTrue(statuses.keySet().containsAll(List.of(400, 404, 405, 413, 415)), statuses.toString());
        System.out.println("Fuzz statuses " + statuses + " in " + seconds + " s");
    }

    private static void check(RawHttp.Answer answer, String method, String description) {
        assertTrue(answer.status() < 500, description + " -> " + answer.status() + " " + answer.body());
        ProblemAssert.assertNoLeak(answer.body());
        if (answer.status() < 400 || method.equals("HEAD")) {
            return;
        }
        assertEquals("application/problem+json", answer.header("Content-Type"),
                description + " -> " + answer.status() + " " + answer.headers() + " " + answer.body());
        try {
            JsonNode problem = JSON.readTree(answer.body());
            assertTrue(problem.path("type").asText().startsWith("urn:cpa:problem:"), description);
            assertEquals(answer.status(), problem.path("status").asInt(), description);
        } catch (IOException e) {
            fail(description + " is not JSON: " + answer.body());
        }
    }

    private Map<String, String> headers(int i) {
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = pick(CONTENT_TYPES);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        String accept = pick(ACCEPTS);
        if (accept != null) {
            headers.put("Accept", accept);
        }
        switch (random.nextInt(8)) {
            case 0 -> headers.put("Idempotency-Key", run + "-" + i);
            case 1 -> headers.put("Idempotency-Key", NIR + " " + "k".repeat(random.nextInt(300)));
            case 2 -> headers.put("X-Request-Id", NIR + "\t" + "r".repeat(random.nextInt(600)));
            case 3 -> headers.put("X-Channel", NIR);
            case 4 -> {
                for (int h = 0; h < 60; h++) {
                    headers.put("X-Noise-" + h, text(random.nextInt(120)));
                }
            }
            case 5 -> headers.put("X-Long", "v".repeat(8000));
            case 6 -> headers.put("Accept-Language", text(40));
            default -> {
            }
        }
        return headers;
    }

    private byte[] maybeBody() {
        return random.nextInt(4) == 0 ? body() : new byte[0];
    }

    private byte[] body() {
        List<Supplier<byte[]>> kinds = new ArrayList<>(List.of(
                () -> utf8(VALID),
                () -> utf8(VALID.substring(0, random.nextInt(VALID.length()))),
                () -> flipped(utf8(VALID)),
                () -> invalidUtf8(),
                () -> utf8(wrongType()),
                () -> utf8(nested(50 + random.nextInt(3000))),
                () -> utf8("{\"name\":\"" + NIR + "x".repeat(random.nextInt(LIMIT - 200)) + "\"}"),
                () -> new byte[LIMIT + 1 + random.nextInt(3 * LIMIT)],
                () -> utf8(VALID.replace("{\"name\"", "{\"" + NIR + "\":1,\"nir_" + NIR + "\":2,\"name\"")),
                () -> utf8(VALID.replace("{\"name\":\"" + NIR + "\",", "{\"name\":\"a\",\"name\":\"" + NIR + "\",")),
                () -> utf8("[" + VALID + "," + VALID + "]"),
                () -> utf8(pick(new String[] { "", " ", "null", "\"" + NIR + "\"", NIR, "{", "}", "[", "{\"ref\":\""
                        + NIR + "\"}", "{\"ref\":" + NIR + "}", "\uFEFF" + VALID }))));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private String wrongType() {
        String[] properties = { "name", "birthDate", "address", "items", "tags", "channel", "employer_siret", "age",
                "street", "postcode", "label", "amount" };
        String property = pick(properties);
        return VALID.replaceFirst("\"" + property + "\":(\"[^\"]*\"|\\{[^}]*\\}|\\[[^]]*\\]|[0-9]+)",
                "\"" + property + "\":" + pick(JSON_VALUES));
    }

    private static String nested(int depth) {
        return "{\"tags\":" + "[".repeat(depth) + "\"" + NIR + "\"" + "]".repeat(depth) + "}";
    }

    private byte[] flipped(byte[] body) {
        for (int n = random.nextInt(5) + 1; n > 0; n--) {
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        return body;
    }

    private byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] valid = utf8(VALID);
        int cut = random.nextInt(valid.length);
        out.write(valid, 0, cut);
        byte[][] invalid = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF } };
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.write(valid, cut, valid.length - cut);
        return out.toByteArray();
    }

    private String text(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
