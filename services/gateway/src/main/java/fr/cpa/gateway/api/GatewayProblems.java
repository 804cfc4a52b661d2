package fr.cpa.gateway.api;

import java.time.Duration;

import io.vertx.ext.web.RoutingContext;

import fr.cpa.gateway.client.UpstreamClient;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.problem.Problems;

/** The gateway's own refusals, as problem+json. */
final class GatewayProblems {

    private GatewayProblems() {
    }

    static void notFound(RoutingContext rc) {
        Problems.send(rc, ProblemType.NOT_FOUND, "No service answers at this path.");
    }

    static void unauthenticated(RoutingContext rc) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(rc, ProblemType.UNAUTHENTICATED,
                "A valid, unexpired bearer token of the platform's identity provider is required.");
    }

    static void forbidden(RoutingContext rc) {
        Problems.send(rc, ProblemType.FORBIDDEN, "Your role does not give access to this service.");
    }

    static void tooManyRequests(RoutingContext rc, long retryAfterSeconds) {
        Problems.send(rc, ProblemType.TOO_MANY_REQUESTS, "Too many requests; retry after " + retryAfterSeconds + " s.",
                Duration.ofSeconds(retryAfterSeconds));
    }

    /** The rest of the body will not be read, so the connection cannot serve another request: it is closed. */
    static void payloadTooLarge(RoutingContext rc, long maxBytes) {
        rc.response().putHeader("Connection", "close");
        rc.response().endHandler(v -> rc.request().connection().close());
        Problems.send(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body must not exceed " + maxBytes + " bytes.");
    }

    static void upstreamFailed(RoutingContext rc, String service, UpstreamClient.Failure failure) {
        switch (failure) {
            case UNREACHABLE -> Problems.send(rc, ProblemType.SERVICE_UNAVAILABLE,
                    "The " + service + " service cannot be reached; try again later.");
            case TIMEOUT -> Problems.send(rc, ProblemType.GATEWAY_TIMEOUT,
                    "The " + service + " service did not answer in time.");
            case BROKEN -> Problems.send(rc, ProblemType.BAD_GATEWAY,
                    "The " + service + " service gave no valid answer.");
        }
    }
}
