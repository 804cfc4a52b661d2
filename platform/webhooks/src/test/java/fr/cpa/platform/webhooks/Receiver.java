package fr.cpa.platform.webhooks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's endpoint for tests: a JDK HTTP server on 127.0.0.1 that keeps what it receives and answers the statuses
 * it is told, in turn, then 200.
 */
final class Receiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String contentType, String body, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile String failureBody = "";
    private volatile Duration delay = Duration.ZERO;

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() {
        return start(0);
    }

    static Receiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.UTF_8), Instant.now()));
                int status = receiver.next();
                try {
                    Thread.sleep(receiver.delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] answer = (status / 100 == 2 ? "ok" : receiver.failureBody).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (yet). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port + "/hook";
    }

    String url() {
        return url(server.getAddress().getPort());
    }

    /** The statuses of the next answers, then 200 again. */
    synchronized Receiver answer(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    /** The body of answers other than 2xx. */
    Receiver failingWith(String body) {
        this.failureBody = body;
        return this;
    }

    /** Answers only after this long. */
    Receiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    private synchronized int next() {
        Integer status = statuses.poll();
        return status == null ? 200 : status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedWithId(String id) {
        return received.stream().filter(r -> id.equals(r.id())).toList();
    }

    Received await(String id, Duration within) {
        return awaitCount(id, 1, within).get(0);
    }

    List<Received> awaitCount(String id, int count, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> receivedWithId(id).size() >= count);
        return receivedWithId(id);
    }

    boolean anyMatch(Predicate<Received> test) {
        return received.stream().anyMatch(test);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
