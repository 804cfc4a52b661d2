package fr.cpa.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;

import fr.cpa.gateway.client.Probe;
import fr.cpa.gateway.domain.OpenApiMerger;
import fr.cpa.gateway.domain.RouteTable;

/** The platform's API in one OpenAPI document, gathered from the services that answer now. */
@Path("/")
@Tag(name = "gateway")
public class OpenApiResource {

    private final Probe probe;
    private final RouteTable routes;
    private final ObjectMapper mapper;

    OpenApiResource(Probe probe, RouteTable routes, ObjectMapper mapper) {
        this.probe = probe;
        this.routes = routes;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of every service behind the gateway",
            description = "Services that do not answer are left out; the Swagger UI at /q/swagger-ui shows this document.")
    public Uni<JsonNode> aggregated() {
        List<String> services = List.copyOf(routes.all().keySet());
        List<Uni<Optional<String>>> fetches = routes.all().values().stream()
                .map(route -> probe.fetch(route.target().resolve("/q/openapi?format=json")))
                .toList();
        return Uni.join().all(fetches).andFailFast().map(bodies -> {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            for (int i = 0; i < services.size(); i++) {
                Optional<JsonNode> document = bodies.get(i).flatMap(this::parse);
                if (document.isPresent()) {
                    documents.put(services.get(i), document.get());
                }
            }
            return OpenApiMerger.merge("cpa-platform API", "1", documents);
        });
    }

    private Optional<JsonNode> parse(String body) {
        try {
            return Optional.of(mapper.readTree(body));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
