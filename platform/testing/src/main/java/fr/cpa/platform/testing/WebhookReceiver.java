package fr.cpa.platform.testing;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint for tests: a JDK HTTP server on 127.0.0.1, path {@code /hook}, that keeps what it
 * receives (the Standard Webhooks headers and the body) and answers the statuses it is told, in turn, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String id, String timestamp, String signature, String contentType, String body,
            Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile String failureBody = "";
    private volatile Duration delay = Duration.ZERO;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        return start(0);
    }

    /** On that port (0: any free one). */
    public static WebhookReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
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
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (yet). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public String url() {
        return url(server.getAddress().getPort());
    }

    /** The statuses of the next answers, then 200 again. */
    public synchronized WebhookReceiver answer(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    /** The body of answers other than 2xx. */
    public WebhookReceiver failingWith(String body) {
        this.failureBody = body;
        return this;
    }

    /** Answers only after this long. */
    public WebhookReceiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    private synchronized int next() {
        Integer status = statuses.poll();
        return status == null ? 200 : status;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedWithId(String id) {
        return received.stream().filter(r -> id.equals(r.id())).toList();
    }

    public Received await(String id, Duration within) {
        return awaitCount(id, 1, within).get(0);
    }

    /** Waits until that many requests with this webhook-id arrived; fails after {@code within}. */
    public List<Received> awaitCount(String id, int count, Duration within) {
        return awaitMatching(r -> id.equals(r.id()), count, within);
    }

    /** Waits until that many requests passing the test arrived; fails after {@code within}. */
    public List<Received> awaitMatching(Predicate<Received> test, int count, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            List<Received> found = received.stream().filter(test).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(found.size() + " of " + count + " webhook(s) received within " + within
                        + "; received: " + received.size());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
