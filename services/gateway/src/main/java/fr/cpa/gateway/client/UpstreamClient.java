package fr.cpa.gateway.client;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

import fr.cpa.gateway.GatewayConfig;
import fr.cpa.gateway.domain.RoutePolicy;
import fr.cpa.gateway.domain.TrustedProxies;
import fr.cpa.platform.web.CorrelationId;

/** Forwards a request to a service over a pooled keep-alive connection and streams the answer back. */
@ApplicationScoped
public class UpstreamClient {

    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final HttpClient client;
    private final long timeoutMillis;
    private final TrustedProxies proxies;

    UpstreamClient(Vertx vertx, GatewayConfig config, TrustedProxies proxies) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setMaxPoolSize(config.upstreamPoolSize())
                .setConnectTimeout(2_000));
        this.timeoutMillis = config.upstreamTimeout().toMillis();
        this.proxies = proxies;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public enum Failure {
        UNREACHABLE, TIMEOUT, BROKEN
    }

    public interface FailureHandler {
        void failed(Failure failure);
    }

    /**
     * Sends the request with its (already read) body to the route's service; on success the answer is written to
     * the caller, on failure {@code onFailure} decides what the caller gets.
     */
    public void forward(RoutingContext rc, RoutePolicy route, String pathAndQuery, Buffer body, String requestId,
            FailureHandler onFailure) {
        client.request(options(rc.request(), route, pathAndQuery, requestId).setTimeout(timeoutMillis))
                .compose(out -> out.send(body))
                .onSuccess(answer -> relay(answer, rc.response(), requestId))
                .onFailure(t -> onFailure.failed(classify(t)));
    }

    /**
     * Sends the request to the route's service with its body streamed as it arrives (an upload too large to hold),
     * refused past {@code maxBytes}; the timeout runs from the body's end, however long the upload took. An answer
     * that comes before the body's end (a refusal) is relayed and the rest of the body dropped.
     */
    public void stream(RoutingContext rc, RoutePolicy route, String pathAndQuery, long maxBytes, String requestId,
            Runnable onTooLarge, FailureHandler onFailure) {
        HttpServerRequest in = rc.request();
        client.request(options(in, route, pathAndQuery, requestId)).onSuccess(out -> {
            String length = in.getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null) {
                out.putHeader(HttpHeaderNames.CONTENT_LENGTH, length);
            } else {
                out.setChunked(true);
            }
            boolean[] stopped = { false };
            long[] received = { 0 };
            out.exceptionHandler(t -> stopped[0] = true); // the answer's failure says what went wrong
            out.response()
                    .onSuccess(answer -> {
                        stopped[0] = true;
                        in.resume();
                        relay(answer, rc.response(), requestId);
                    })
                    .onFailure(t -> {
                        if (!rc.response().headWritten()) {
                            onFailure.failed(classify(t));
                        }
                    });
            in.handler(chunk -> {
                if (stopped[0]) {
                    return;
                }
                received[0] += chunk.length();
                if (received[0] > maxBytes) {
                    stopped[0] = true;
                    onTooLarge.run();
                    out.reset();
                    return;
                }
                out.write(chunk);
                if (out.writeQueueFull()) {
                    in.pause();
                    out.drainHandler(v -> in.resume());
                }
            });
            in.exceptionHandler(t -> out.reset());
            in.endHandler(v -> {
                if (!stopped[0]) {
                    out.end();
                    out.idleTimeout(timeoutMillis);
                }
            });
            in.resume();
        }).onFailure(t -> onFailure.failed(classify(t)));
    }

    private RequestOptions options(HttpServerRequest in, RoutePolicy route, String pathAndQuery, String requestId) {
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(route.target().getHost())
                .setPort(route.target().getPort())
                .setURI(pathAndQuery);
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        copyEndToEnd(in.headers(), headers);
        headers.set(CorrelationId.HEADER, requestId);
        // A chain that did not come from a trusted proxy is the caller's say-so: it is not passed on.
        proxies.forwardedFor(in.remoteAddress() == null ? null : in.remoteAddress().hostAddress(),
                in.headers().getAll(TrustedProxies.HEADER)).ifPresentOrElse(
                        chain -> headers.set(TrustedProxies.HEADER, chain),
                        () -> headers.remove(TrustedProxies.HEADER));
        headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        return options.setHeaders(headers);
    }

    /** Answers up to this size are sent back in one write; larger or unsized ones are streamed. */
    private static final long BUFFERED_ANSWER_MAX = 256 * 1024;

    private static void relay(HttpClientResponse answer, HttpServerResponse response, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.statusCode());
        copyEndToEnd(answer.headers(), response.headers());
        response.headers().set(CorrelationId.HEADER, requestId);
        long length = contentLength(answer);
        if (length >= 0 && length <= BUFFERED_ANSWER_MAX) {
            // One write for headers and body: on a small answer, each extra flush is a system call that costs more
            // than the copy.
            answer.body().onSuccess(response::end).onFailure(t -> response.reset());
            return;
        }
        if (length >= 0) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
        } else {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private static long contentLength(HttpClientResponse answer) {
        String length = answer.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void copyEndToEnd(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    private static Failure classify(Throwable t) {
        if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
            return Failure.UNREACHABLE;
        }
        if (t instanceof TimeoutException) {
            return Failure.TIMEOUT;
        }
        return Failure.BROKEN;
    }
}
