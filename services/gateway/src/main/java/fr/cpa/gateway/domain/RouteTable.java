package fr.cpa.gateway.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.gateway.GatewayConfig;

/** The routes of the configuration, looked up by the service segment of {@code /api/{service}/...}. */
@ApplicationScoped
public class RouteTable {

    public static final String API_PREFIX = "/api/";

    private final Map<String, RoutePolicy> byService;

    RouteTable(GatewayConfig config) {
        Map<String, RoutePolicy> routes = new TreeMap<>();
        config.routes().forEach((service, route) -> routes.put(service, new RoutePolicy(
                service,
                route.url(),
                Set.copyOf(route.roles().orElse(List.of())),
                route.publicPaths().orElse(List.of()).stream().map(RoutePolicy.PublicPath::parse).toList())));
        byService = Collections.unmodifiableMap(routes);
    }

    /** The route for a request path, if the path is {@code /api/{service}} or below it and the service is known. */
    public Optional<RoutePolicy> resolve(String path) {
        if (path == null || !path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API_PREFIX.length());
        String service = end < 0 ? path.substring(API_PREFIX.length()) : path.substring(API_PREFIX.length(), end);
        return Optional.ofNullable(byService.get(service));
    }

    /** Every route, by service name in alphabetical order. */
    public Map<String, RoutePolicy> all() {
        return byService;
    }
}
