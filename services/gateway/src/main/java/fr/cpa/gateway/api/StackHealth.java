package fr.cpa.gateway.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

import fr.cpa.gateway.GatewayConfig;
import fr.cpa.gateway.client.Probe;
import fr.cpa.gateway.domain.RouteTable;

/**
 * What {@code /q/health} (on the management port) says about the rest of the platform. Only Keycloak decides the
 * gateway's readiness (no token can be checked without its keys); the stack and the routed services are reported as
 * wellness, so one service down never takes the whole entry point out of a load balancer.
 */
public final class StackHealth {

    private StackHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class KeycloakCheck implements AsyncHealthCheck {

        private final Probe probe;
        private final URI discovery;

        KeycloakCheck(Probe probe, GatewayConfig config) {
            this.probe = probe;
            this.discovery = config.health().keycloak();
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return probe.httpOk(discovery).map(up -> HealthCheckResponse.named("keycloak").status(up).build());
        }
    }

    @Wellness
    @ApplicationScoped
    public static class StackCheck implements AsyncHealthCheck {

        private final Probe probe;
        private final Map<String, String> endpoints = new TreeMap<>();

        StackCheck(Probe probe, GatewayConfig config) {
            this.probe = probe;
            endpoints.put("kafka", config.health().kafka());
            endpoints.put("postgresql", config.health().postgresql());
            endpoints.put("smtp", config.health().smtp());
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            List<String> names = new ArrayList<>(endpoints.keySet());
            List<Uni<Boolean>> probes = names.stream().map(n -> probe.tcpOpen(endpoints.get(n))).toList();
            return combine("stack", names, probes);
        }
    }

    @Wellness
    @ApplicationScoped
    public static class ServicesCheck implements AsyncHealthCheck {

        private final Probe probe;
        private final RouteTable routes;

        ServicesCheck(Probe probe, RouteTable routes) {
            this.probe = probe;
            this.routes = routes;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            List<String> names = List.copyOf(routes.all().keySet());
            List<Uni<Boolean>> probes = routes.all().values().stream()
                    .map(route -> probe.httpOk(route.target().resolve("/q/health/ready")))
                    .toList();
            return combine("services", names, probes);
        }
    }

    private static Uni<HealthCheckResponse> combine(String name, List<String> names, List<Uni<Boolean>> probes) {
        return Uni.join().all(probes).andFailFast().map(results -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named(name);
            boolean allUp = true;
            for (int i = 0; i < names.size(); i++) {
                builder.withData(names.get(i), results.get(i) ? "UP" : "DOWN");
                allUp &= results.get(i);
            }
            return builder.status(allUp).build();
        });
    }
}
