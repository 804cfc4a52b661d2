package fr.cpa.platform.web.problem;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import fr.cpa.platform.web.PersonalData;
import fr.cpa.platform.web.correlation.CorrelationIdRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;

/**
 * Problem documents for what fails outside JAX-RS: no route (404, 405), a body over the limit (413), proactive
 * authentication failures, and any failure of a Vert.x route (the gateway's). Quarkus' own limit check answers 413
 * with an empty body, so the limit is enforced here first: {@code quarkus.http.limits.max-body-size}, or, when set,
 * the lower {@code cpa.web.max-body-size} on every path but those of {@code cpa.web.large-body-paths} (uploads read
 * as a stream, which keep Quarkus' limit and whose chunked bodies are left to the resource to count).
 */
@ApplicationScoped
public class ProblemRoutes {

    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);
    // Statuses Vert.x answers by itself when no route matches or a route fails with a bare status.
    private static final int[] ROUTER_ERRORS = { 400, 404, 405, 406, 413, 415, 500 };

    private final long maxBodySize;
    private final long largeBodySize;
    private final Set<String> largeBodyPaths;
    private final BodyHandler chunkedBodies;

    @Inject
    ProblemRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize ceiling,
            @ConfigProperty(name = "cpa.web.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "cpa.web.large-body-paths") Optional<Set<String>> largeBodyPaths) {
        this.largeBodySize = ceiling.asLongValue();
        this.maxBodySize = limit.map(MemorySize::asLongValue).orElse(largeBodySize);
        this.largeBodyPaths = largeBodyPaths.orElse(Set.of());
        // A chunked body has no Content-Length to check up front: it is read here, failing with 413 past the limit.
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodySize);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::limitBody);
        router.route().order(CorrelationIdRoute.ORDER).failureHandler(this::onFailure);
        for (int status : ROUTER_ERRORS) {
            router.errorHandler(status, this::onFailure);
        }
    }

    private void limitBody(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            // Netty has already refused a Content-Length that is not a number.
            if (Long.parseLong(length.trim()) > limitOf(rc)) {
                tooLarge(rc);
            } else {
                rc.next();
            }
        } else if (rc.request().headers().contains(HttpHeaderNames.TRANSFER_ENCODING) && !isForm(rc)
                && !isLarge(rc)) {
            chunkedBodies.handle(rc);
        } else {
            rc.next();
        }
    }

    // Vert.x would parse form bodies into attributes that JAX-RS then cannot read; those keep Quarkus' check.
    private static boolean isForm(RoutingContext rc) {
        String type = rc.request().getHeader(HttpHeaderNames.CONTENT_TYPE);
        return type != null && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"));
    }

    private boolean isLarge(RoutingContext rc) {
        return largeBodyPaths.contains(rc.normalizedPath());
    }

    private long limitOf(RoutingContext rc) {
        return isLarge(rc) ? largeBodySize : maxBodySize;
    }

    private void tooLarge(RoutingContext rc) {
        // The rest of the body is not read: the connection is closed once the problem is sent.
        rc.response().putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .endHandler(done -> rc.request().connection().close());
        Problems.send(rc, ProblemType.PAYLOAD_TOO_LARGE,
                "The request body exceeds the limit of " + limitOf(rc) + " bytes.");
    }

    private void onFailure(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        Throwable failure = rc.failure();
        if (failure instanceof AuthenticationRedirectException) {
            rc.next(); // an interactive login's redirect, not an error
        } else if (failure instanceof ProblemException problem) {
            if (problem.retryAfter() != null) {
                rc.response().putHeader(HttpHeaderNames.RETRY_AFTER, Problems.retryAfterSeconds(problem.retryAfter()));
            }
            Problems.send(rc, Problems.of(rc, problem.type(), problem.detail(), problem.errors()));
        } else if (failure instanceof UnauthorizedException) {
            challengeThenUnauthenticated(rc);
        } else if (failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException) {
            // Quarkus has already set the 401 status and its challenge headers.
            Problems.send(rc, ProblemType.UNAUTHENTICATED);
        } else if (failure instanceof ForbiddenException) {
            Problems.send(rc, ProblemType.FORBIDDEN);
        } else if (failure instanceof RejectedExecutionException) {
            LOG.warn("No worker thread available: answering 503");
            Problems.send(rc, ProblemType.SERVICE_UNAVAILABLE);
        } else if (failure instanceof HttpException http) {
            byStatus(rc, http.getStatusCode(), failure);
        } else if (failure == null && rc.statusCode() > 0) {
            byStatus(rc, rc.statusCode(), null);
        } else {
            LOG.errorf(failure, "Unexpected failure on %s %s", rc.request().method(), PersonalData.redact(rc.request().path()));
            Problems.send(rc, ProblemType.INTERNAL_ERROR);
        }
    }

    private void byStatus(RoutingContext rc, int status, Throwable failure) {
        if (status >= 500) {
            LOG.errorf(failure, "Request failed with HTTP %d on %s %s", status, rc.request().method(), PersonalData.redact(rc.request().path()));
        }
        if (status == 413) {
            tooLarge(rc);
        } else {
            Problems.send(rc, ProblemType.forStatus(status));
        }
    }

    /** As Quarkus does for a route that needs a user when there is none: the mechanism's challenge, then 401. */
    private static void challengeThenUnauthenticated(RoutingContext rc) {
        HttpAuthenticator authenticator = rc.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            Problems.send(rc, ProblemType.UNAUTHENTICATED);
            return;
        }
        authenticator.sendChallenge(rc).subscribe().with(
                sent -> Problems.send(rc, ProblemType.UNAUTHENTICATED),
                error -> Problems.send(rc, ProblemType.UNAUTHENTICATED));
    }
}
