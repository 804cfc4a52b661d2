package fr.cpa.gateway.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import fr.cpa.gateway.GatewayConfig;
import fr.cpa.gateway.client.UpstreamClient;
import fr.cpa.gateway.domain.InternalPaths;
import fr.cpa.gateway.domain.RateLimits;
import fr.cpa.gateway.domain.RoutePolicy;
import fr.cpa.gateway.domain.RouteTable;
import fr.cpa.gateway.domain.TrustedProxies;
import fr.cpa.gateway.domain.VerifiedTokens;
import fr.cpa.platform.web.correlation.CorrelationIdRoute;

/**
 * The gateway's one route: {@code /api/{service}/...}. In order: find the service (internal paths have none), limit
 * the rate per IP (the client's, past trusted proxies), check the token (signature, issuer, audience, expiry — by
 * Quarkus OIDC) and the route's coarse role, limit the rate per client, read the body within the size limit, forward
 * with the correlation id. On an upload path the body is streamed to the service as it arrives, within the upload
 * limit, instead of being read first.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    private final RouteTable routes;
    private final InternalPaths internalPaths;
    private final RateLimits rateLimits;
    private final TrustedProxies proxies;
    private final UpstreamClient upstream;
    private final IdentityProviderManager identities;
    private final long maxBodyBytes;
    private final Set<String> uploadPaths;
    private final long maxUploadBytes;
    private final VerifiedTokens verifiedTokens = new VerifiedTokens(50_000, () -> System.currentTimeMillis() / 1000);

    GatewayRoutes(RouteTable routes, RateLimits rateLimits, TrustedProxies proxies, UpstreamClient upstream,
            IdentityProviderManager identities, GatewayConfig config) {
        this.routes = routes;
        this.internalPaths = new InternalPaths(config.internalPaths().orElse(List.of()));
        this.rateLimits = rateLimits;
        this.proxies = proxies;
        this.upstream = upstream;
        this.identities = identities;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.uploadPaths = Set.copyOf(config.uploadPaths().orElse(List.of()));
        this.maxUploadBytes = config.maxUploadSize().asLongValue();
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
        // A service's internal path is answered as one no service has, so that nothing tells it apart.
        if (route.isEmpty() || internalPaths.contains(path)) {
            GatewayProblems.notFound(rc);
            return;
        }
        String ip = proxies.clientOf(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.headers().getAll(TrustedProxies.HEADER));
        long wait = rateLimits.perIp(ip);
        if (wait > 0) {
            GatewayProblems.tooManyRequests(rc, wait);
            return;
        }
        long maxBytes = uploadPaths.contains(path) ? maxUploadBytes : maxBodyBytes;
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && exceeds(contentLength, maxBytes)) {
            GatewayProblems.payloadTooLarge(rc, maxBytes);
            return;
        }
        RoutePolicy policy = route.get();
        String pathAndQuery = request.query() == null ? path : path + "?" + request.query();
        if (policy.isPublic(request.method().name(), path)) {
            long writeWait = isRead(request.method()) ? 0 : rateLimits.publicWrite(ip);
            if (writeWait > 0) {
                GatewayProblems.tooManyRequests(rc, writeWait);
                return;
            }
            forward(rc, policy, path, pathAndQuery, requestId);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        VerifiedTokens.Caller known = verifiedTokens.find(authorization);
        if (known != null) {
            authorised(rc, policy, known, path, pathAndQuery, requestId);
            return;
        }
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribe().with(
                identity -> context.runOnContext(v -> {
                    VerifiedTokens.Caller caller = callerOf(identity);
                    if (caller == null) {
                        GatewayProblems.unauthenticated(rc);
                        return;
                    }
                    verifiedTokens.remember(authorization, caller);
                    authorised(rc, policy, caller, path, pathAndQuery, requestId);
                }),
                failure -> context.runOnContext(v -> GatewayProblems.unauthenticated(rc)));
    }

    private void authorised(RoutingContext rc, RoutePolicy policy, VerifiedTokens.Caller caller, String path,
            String pathAndQuery, String requestId) {
        if (!policy.allows(caller.roles())) {
            GatewayProblems.forbidden(rc);
            return;
        }
        long wait = rateLimits.perClient(caller.client());
        if (wait > 0) {
            GatewayProblems.tooManyRequests(rc, wait);
            return;
        }
        forward(rc, policy, path, pathAndQuery, requestId);
    }

    /**
     * The verified caller, or null for an anonymous identity. The client key is the OAuth client and the subject:
     * people of the SPA share one client, so each person has their own limit, as each machine does.
     */
    private static VerifiedTokens.Caller callerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        String azp = jwt.getClaim("azp");
        return new VerifiedTokens.Caller(Set.copyOf(identity.getRoles()), azp + "/" + jwt.getSubject(),
                jwt.getExpirationTime());
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictExpiredTokens() {
        verifiedTokens.evictExpired();
    }

    private void forward(RoutingContext rc, RoutePolicy policy, String path, String pathAndQuery, String requestId) {
        if (uploadPaths.contains(path)) {
            upstream.stream(rc, policy, pathAndQuery, maxUploadBytes, requestId,
                    () -> GatewayProblems.payloadTooLarge(rc, maxUploadBytes),
                    failure -> GatewayProblems.upstreamFailed(rc, policy.service(), failure));
        } else {
            readBodyThenForward(rc, policy, pathAndQuery, requestId);
        }
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

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static boolean exceeds(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
