package fr.cpa.platform.web.correlation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import fr.cpa.platform.web.CorrelationId;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request its correlation id before any other handler (CORS, authentication, body limits, JAX-RS)
 * runs: bound in the MDC, which Quarkus keeps in the request's Vert.x context and so carries to the worker thread
 * and to exception mappers; kept on the routing context; echoed in the response.
 */
@ApplicationScoped
public class CorrelationIdRoute {

    /** Ahead of every Quarkus handler except the access log, configured headers and the body handler. */
    public static final int ORDER = Integer.MIN_VALUE + 2;

    private static final String CONTEXT_KEY = CorrelationIdRoute.class.getName();

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(CorrelationIdRoute::bind);
    }

    private static void bind(RoutingContext rc) {
        String id = CorrelationId.fromHeader(rc.request().getHeader(CorrelationId.HEADER));
        rc.put(CONTEXT_KEY, id);
        CorrelationId.bind(id);
        rc.response().putHeader(CorrelationId.HEADER, id);
        rc.next();
    }

    /** The id of this request (the MDC's when the route was bypassed, e.g. on another router). */
    public static String of(RoutingContext rc) {
        String id = rc.get(CONTEXT_KEY);
        return id != null ? id : CorrelationId.current().orElse(null);
    }
}
