package fr.cpa.platform.web.problem;

import fr.cpa.platform.web.PersonalData;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.web.correlation.CorrelationIdRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Builds and sends problem documents. JAX-RS errors are mapped automatically; plain Vert.x routes (the gateway)
 * answer with {@link #send}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    // A private mapper: a service's JSON customisation must not change the shape of the platform's errors.
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The problem of this request: instance is its path, requestId its correlation id. */
    public static Problem of(RoutingContext rc, ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, PersonalData.redact(rc.request().path()),
                CorrelationIdRoute.of(rc), errors);
    }

    public static void send(RoutingContext rc, ProblemType type) {
        send(rc, type, type.detail());
    }

    public static void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, of(rc, type, detail, List.of()));
    }

    /** For 429 and 503: the client may retry after {@code retryAfter} (sent in whole seconds, at least 1). */
    public static void send(RoutingContext rc, ProblemType type, String detail, Duration retryAfter) {
        rc.response().putHeader(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds(retryAfter));
        send(rc, type, detail);
    }

    /** The Retry-After value of a delay: whole seconds, rounded up, at least 1. */
    public static String retryAfterSeconds(Duration retryAfter) {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** Ends the response with the problem, unless it has already been started (then nothing can be said). */
    public static void send(RoutingContext rc, Problem problem) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            if (!response.ended()) {
                response.end();
            }
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, MEDIA_TYPE)
                .end(Buffer.buffer(json(problem)));
    }

    public static byte[] json(Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
