package fr.cpa.catalogue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Answers the ledger's "my accounts" as the test sets it. The ledger itself is another service, with its own
 * database and tests; here only its answer matters: CEC rights, none, no account (404), or a failure. The test
 * profile and the test run in different class loaders, so the one server and its answer are shared through system
 * properties.
 */
final class LedgerStandIn {

    private static final String PORT = "cpa.test.ledger-stand-in.port";
    private static final String STATUS = "cpa.test.ledger-stand-in.status";
    private static final String BODY = "cpa.test.ledger-stand-in.body";
    private static final String AUTHORIZATION = "cpa.test.ledger-stand-in.authorization";

    private LedgerStandIn() {
    }

    static synchronized String url() {
        if (System.getProperty(PORT) == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/api/ledger/me/accounts", exchange -> {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    System.setProperty(AUTHORIZATION, authorization == null ? "" : authorization);
                    byte[] answer = System.getProperty(BODY, "").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(Integer.parseInt(System.getProperty(STATUS, "404")),
                            answer.length == 0 ? -1 : answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                });
                server.start();
                System.setProperty(PORT, Integer.toString(server.getAddress().getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + System.getProperty(PORT);
    }

    static void answer(int status, String body) {
        url();
        System.setProperty(STATUS, Integer.toString(status));
        System.setProperty(BODY, body);
        System.clearProperty(AUTHORIZATION);
    }

    static void cecAvailable(long cents) {
        answer(200, "[{\"kind\":\"CPF\",\"available\":50000},{\"kind\":\"CEC\",\"available\":" + cents + "}]");
    }

    static String lastAuthorization() {
        return System.getProperty(AUTHORIZATION);
    }
}
