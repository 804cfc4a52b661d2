package fr.cpa.gateway.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import fr.cpa.gateway.GatewayConfig;
import fr.cpa.gateway.client.UpstreamClient;
import fr.cpa.gateway.domain.RateLimits;
import fr.cpa.gateway.domain.RoutePolicy;
import fr.cpa.gateway.domain.RouteTable;
import fr.cpa.platform.web.correlation.CorrelationIdRoute;

/**
 * The gateway's one route: {@code /api/{service}/...}. In order: find the service, limit the rate per IP, check the
 * token (signature, issuer, audience, expiry — by Quarkus OIDC) and the route's coarse role, limit the rate per
 * client, read the body within the size limit, forward with the correlation id.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    private final RouteTable routes;
    private final RateLimits rateLimits;
    private final UpstreamClient upstream;
    private final IdentityProviderManager identities;
    private final long maxBodyBytes;

    GatewayRoutes(RouteTable routes, RateLimits rateLimits, UpstreamClient upstream,
            IdentityProviderManager identities, GatewayConfig config) {
        this.routes = routes;
        this.rateLimits = rateLimits;
        this.upstream = upstream;
        this.identities = identities;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        String requestId = CorrelationIdRoute.of(rc);

        String path = rc.normalizedPath();
        Optional<RoutePolicy> route = routes.resolve(path);
        if (route.isEmpty()) {
            GatewayProblems.notFound(rc);
            return;
        }
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = rateLimits.perIp(ip);
        if (wait > 0) {
            GatewayProblems.tooManyRequests(rc, wait);
            return;
        }
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && exceeds(contentLength)) {
            GatewayProblems.payloadTooLarge(rc, maxBodyBytes);
            return;
        }
        RoutePolicy policy = route.get();
        String pathAndQuery = request.query() == null ? path : path + "?" + request.query();
        if (policy.isPublic(request.method().name(), path)) {
            readBodyThenForward(rc, policy, pathAndQuery, requestId);
            return;
        }
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribe().with(
                identity -> context.runOnContext(v -> authorised(rc, policy, identity, pathAndQuery, requestId)),
                failure -> context.runOnContext(v -> GatewayProblems.unauthenticated(rc)));
    }

    private void authorised(RoutingContext rc, RoutePolicy policy, SecurityIdentity identity, String pathAndQuery,
            String requestId) {
        if (identity == null || identity.isAnonymous()) {
            GatewayProblems.unauthenticated(rc);
            return;
        }
        if (!policy.allows(identity.getRoles())) {
            GatewayProblems.forbidden(rc);
            return;
        }
        long wait = rateLimits.perClient(clientOf(identity));
        if (wait > 0) {
            GatewayProblems.tooManyRequests(rc, wait);
            return;
        }
        readBodyThenForward(rc, policy, pathAndQuery, requestId);
    }

    /** The OAuth client the token was issued to: users of the SPA share one client, each machine has its own. */
    private static String clientOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String azp = jwt.getClaim("azp");
            if (azp != null) {
                return azp + "/" + jwt.getSubject();
            }
        }
        return identity.getPrincipal().getName();
    }

    private void readBodyThenForward(RoutingContext rc, RoutePolicy policy, String pathAndQuery, String requestId) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                refused[0] = true;
                GatewayProblems.payloadTooLarge(rc, maxBodyBytes);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(t -> LOG.debugf("request body aborted: %s", t.getClass().getSimpleName()));
        request.endHandler(v -> {
            if (!refused[0]) {
                upstream.forward(rc, policy, pathAndQuery, body, requestId,
                        failure -> GatewayProblems.upstreamFailed(rc, policy.service(), failure));
            }
        });
        request.resume();
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
