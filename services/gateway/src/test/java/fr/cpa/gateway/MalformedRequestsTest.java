package fr.cpa.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thousands of malformed requests, written byte by byte on raw connections so that nothing cleans them up on the
 * way: none may get a 5xx, and every refusal the gateway itself writes is problem+json without internals.
 */
@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class MalformedRequestsTest {

    private static final int REQUESTS = 3000;
    private static final String NIR = "185057512345678";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final Random random = new Random(20261123);
    private final String token = GatewayTest.holderToken();

    @Test
    void noMalformedRequestGetsAServerError() throws IOException {
        Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("authorization", this::garbageAuthorization);
        kinds.put("path", this::oddPath);
        kinds.put("json", this::badJsonBody);
        kinds.put("content-length", this::lyingContentLength);
        kinds.put("method", this::oddMethod);
        kinds.put("headers", this::absurdHeaders);
        kinds.put("request-line", this::garbageRequestLine);
        List<String> names = List.copyOf(kinds.keySet());
        Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String kind = names.get(i % names.size());
            String request = kinds.get(kind).get();
            long started = System.nanoTime();
            String answer = send(request.getBytes(StandardCharsets.ISO_8859_1));
            int status = status(answer);
            if (System.nanoTime() - started > 1_000_000_000L) {
                System.out.println("slow (" + kind + "): " + request.lines().limit(6).toList());
            }
            statuses.merge(status, 1, Integer::sum);
            statusesByKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            if (status >= 500 || answer.contains("\tat ") || answer.contains("Exception") || answer.contains(NIR)) {
                failures.add(status + " for: " + request.lines().findFirst().orElse(""));
            }
            if (status == 401 && !answer.contains("application/problem+json")) {
                failures.add("401 without problem+json for: " + request.lines().findFirst().orElse(""));
            }
        }
        System.out.println("malformed requests, status counts by kind (0 = closed without an answer): "
                + statusesByKind);
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.stream().limit(5).toList());
        assertEquals(REQUESTS, statuses.values().stream().mapToInt(Integer::intValue).sum());
    }

    private String garbageAuthorization() {
        String[] auth = {"Bearer", "Bearer " + randomText(40), "Bearer a.b.c", "Bearer " + token.substring(0, 30),
                "Basic " + NIR, "bearer " + token + "x", "Bearer " + "x".repeat(6000), "Bearer\t" + NIR};
        return "GET /api/echo/things HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + auth[random.nextInt(auth.length)] + "\r\nConnection: close\r\n\r\n";
    }

    private String oddPath() {
        String[] paths = {"/api/%zz", "/api/echo/%00", "/api/echo/../../etc/passwd", "/api//echo", "/api/",
                "/api/echo/" + randomText(300), "/api/echo/things?" + randomText(50) + "=%",
                "/api/" + NIR, "/api/echo/things#frag", "/api/echo/\u00e9t\u00e9"};
        return "GET " + paths[random.nextInt(paths.length)].replace(' ', '_')
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
    }

    private String badJsonBody() {
        String[] bodies = {"{", "{\"nir\":\"" + NIR + "\"", "[[[[[[[[[[[[[[[[[[[[", "\u00ff\u00fe\u0000", "null",
                "{\"amount\": 1e999999}", "{\"a\":" + "[".repeat(5000), randomText(2000)};
        String body = bodies[random.nextInt(bodies.length)];
        String[] types = {"application/json", "text/plain", "application/xml", "", "multipart/form-data"};
        return "POST /api/echo/things HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + types[random.nextInt(types.length)]
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    private String lyingContentLength() {
        String[] lengths = {"999999999999", "-1", "abc", "0", "1048577"};
        return "POST /api/echo/things HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + lengths[random.nextInt(lengths.length)]
                + "\r\nConnection: close\r\n\r\n{}";
    }

    private String oddMethod() {
        String[] methods = {"FOO", "TRACE", "CONNECT", "PROPFIND", "G E T", "DELETE", "PATCH"};
        return methods[random.nextInt(methods.length)] + " /api/echo/things HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n";
    }

    private String absurdHeaders() {
        String[] headers = {"X-Request-Id: " + "\u00ff".repeat(100), "Accept: " + randomText(500),
                "Content-Type: application/json; charset=" + randomText(20), "X-Forwarded-For: " + NIR,
                "Origin: null", "Idempotency-Key: " + "k".repeat(9000), "Host: " + randomText(300)};
        return "GET /api/echo/things HTTP/1.1\r\nHost: localhost\r\n" + headers[random.nextInt(headers.length)]
                + "\r\nConnection: close\r\n\r\n";
    }

    private String garbageRequestLine() {
        return randomText(1 + random.nextInt(200)) + "\r\n\r\n";
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (33 + random.nextInt(94)));
        }
        return text.toString();
    }

    private String send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                // No half-close: real clients keep their side open; "Connection: close" ends the exchange.
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may refuse before reading everything; its answer is still there to read.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 65536; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // A reset or a silent close is an answer too: nothing was served with a 5xx.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String answer) {
        if (!answer.startsWith("HTTP/1.")) {
            return 0; // connection closed without an answer
        }
        return Integer.parseInt(answer.substring(9, 12));
    }
}
