package fr.cpa.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import fr.cpa.gateway.GatewayConfig;
import fr.cpa.gateway.domain.SecurityHeaders;
import fr.cpa.platform.web.correlation.CorrelationIdRoute;

/**
 * Puts {@link SecurityHeaders} on every answer of the public port. They are set when the answer's headers are about
 * to be written, so they cover the gateway's own refusals and 404s as well as the services' answers, and replace a
 * service's copy instead of doubling it.
 */
@ApplicationScoped
public class SecurityHeadersRoute {

    private final SecurityHeaders headers;

    SecurityHeadersRoute(GatewayConfig config) {
        this.headers = new SecurityHeaders(config.tlsInFront());
    }

    void install(@Observes Router router) {
        router.route().order(CorrelationIdRoute.ORDER + 1).handler(this::onRequest);
    }

    private void onRequest(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            HttpServerResponse response = rc.response();
            headers.forAnswer(rc.normalizedPath(), rc.request().isSSL(),
                    response.headers().contains(HttpHeaderNames.CACHE_CONTROL)).forEach(response.headers()::set);
        });
        rc.next();
    }
}
