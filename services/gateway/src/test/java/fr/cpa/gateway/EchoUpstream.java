package fr.cpa.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import fr.cpa.platform.testing.LocalStack;

/**
 * A stand-in for a service behind the gateway: it answers with what it received (method, path, headers, body size),
 * so a test can see exactly what the gateway forwarded, with the answer headers it is asked for
 * ({@code X-Echo-Set-Name: value} gives {@code Name: value}). Also declares a route to a port where nothing listens.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET_HEADER = "x-echo-set-";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", EchoUpstream::echo);
        server.createContext("/q/openapi", EchoUpstream::openapi);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "cpa.gateway.routes.echo.url", url,
                "cpa.gateway.routes.echo.roles", "holder,operator",
                "cpa.gateway.routes.echo.public-paths", "GET /api/echo/public*,POST /api/echo/public/registrations",
                "cpa.gateway.routes.down.url", "http://127.0.0.1:" + freePort(),
                "cpa.gateway.max-body-size", "64K",
                "cpa.gateway.upload-paths", "/api/echo/uploads",
                "cpa.gateway.max-upload-size", "1M");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void echo(HttpExchange exchange) throws IOException {
        long bodyBytes;
        try (InputStream in = exchange.getRequestBody()) {
            bodyBytes = in.transferTo(OutputStream.nullOutputStream());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("method", exchange.getRequestMethod());
        answer.put("uri", exchange.getRequestURI().toString());
        answer.put("bodyBytes", bodyBytes);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        answer.set("headers", JSON.valueToTree(headers));
        headers.forEach((name, value) -> {
            if (name.startsWith(SET_HEADER)) {
                exchange.getResponseHeaders().set(name.substring(SET_HEADER.length()), value);
            }
        });
        reply(exchange, 200, JSON.writeValueAsBytes(answer));
    }

    private static void openapi(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
        String doc = """
                {"openapi":"3.0.3","info":{"title":"echo","version":"1"},
                 "paths":{"/api/echo/things":{"get":{"responses":{"200":{"description":"ok",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                 "components":{"schemas":{"Thing":{"type":"object"}}}}
                """;
        reply(exchange, 200, doc.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
