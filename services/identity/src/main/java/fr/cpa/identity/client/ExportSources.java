package fr.cpa.identity.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import fr.cpa.platform.web.CorrelationId;

/**
 * The other services' parts of a holder's data export: each service that keeps personal data answers
 * {@code GET /api/<service>/me/export} for the holder's own token, and is listed in
 * {@code cpa.identity.export.sources.<service>=<base URL>}. A service that does not answer is reported as such,
 * so the holder knows the export is incomplete rather than getting nothing.
 */
@ApplicationScoped
public class ExportSources {

    private static final Logger LOG = Logger.getLogger(ExportSources.class);

    @ConfigMapping(prefix = "cpa.identity.export")
    public interface Config {
        /** Service name to base URL. */
        Map<String, String> sources();

        @WithDefault("5s")
        Duration timeout();
    }

    private final Config config;
    private final ObjectMapper json;
    private final HttpClient http;

    ExportSources(Config config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** Each configured service's export for the holder of this token, or {@code {"unavailable": true}}. */
    public Map<String, JsonNode> gather(String bearerToken) {
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        config.sources().forEach((service, baseUrl) -> parts.put(service, fetch(service, baseUrl, bearerToken)));
        return parts;
    }

    private JsonNode fetch(String service, String baseUrl, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + service + "/me/export"))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json")
                .header(CorrelationId.HEADER, CorrelationId.current().orElseGet(CorrelationId::newId))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return json.readTree(response.body());
            }
            LOG.warnf("Export from %s answered %d", service, response.statusCode());
        } catch (IOException e) {
            LOG.warnf("Export from %s failed: %s", service, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return json.createObjectNode().put("unavailable", true);
    }
}
