package fr.cpa.gateway.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Merges the services' OpenAPI documents into the one the gateway publishes. Paths are kept as they are (each
 * service already owns {@code /api/{service}}); a component two services define differently is renamed
 * {@code {service}_{Name}} in the second one, with its references rewritten, so no service's schema is lost.
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OpenApiMerger() {
    }

    public static ObjectNode merge(String title, String version, Map<String, JsonNode> documentsByService) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", "3.0.3");
        merged.putObject("info").put("title", title).put("version", version);
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        merged.putArray("security").addObject().putArray("bearer");

        for (Map.Entry<String, JsonNode> entry : new TreeMap<>(documentsByService).entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue().deepCopy();
            renameClashingComponents(service, document, components);
            document.path("paths").fields().forEachRemaining(p -> paths.set(p.getKey(), p.getValue()));
            document.path("components").fields().forEachRemaining(kind -> {
                if (!"securitySchemes".equals(kind.getKey())) {
                    ObjectNode target = components.has(kind.getKey())
                            ? (ObjectNode) components.get(kind.getKey())
                            : components.putObject(kind.getKey());
                    kind.getValue().fields().forEachRemaining(c -> target.set(c.getKey(), c.getValue()));
                }
            });
            document.path("tags").forEach(tag -> {
                if (!containsTag(tags, tag.path("name").asText())) {
                    tags.add(tag);
                }
            });
        }
        return merged;
    }

    private static void renameClashingComponents(String service, JsonNode document, ObjectNode existing) {
        Map<String, String> renamed = new TreeMap<>();
        document.path("components").fields().forEachRemaining(kind -> {
            JsonNode known = existing.path(kind.getKey());
            ObjectNode own = (ObjectNode) kind.getValue();
            for (String name : iterable(own.fieldNames())) {
                if (known.has(name) && !known.get(name).equals(own.get(name))) {
                    String newName = service + "_" + name;
                    renamed.put("#/components/" + kind.getKey() + "/" + name,
                            "#/components/" + kind.getKey() + "/" + newName);
                }
            }
            renamed.forEach((from, to) -> {
                String prefix = "#/components/" + kind.getKey() + "/";
                if (from.startsWith(prefix)) {
                    JsonNode value = own.remove(from.substring(prefix.length()));
                    if (value != null) {
                        own.set(to.substring(prefix.length()), value);
                    }
                }
            });
        });
        if (!renamed.isEmpty()) {
            rewriteRefs(document, renamed);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        }
    }

    private static boolean containsTag(ArrayNode tags, String name) {
        for (JsonNode tag : tags) {
            if (tag.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A copy, so that the object can be changed while going through the names. */
    private static List<String> iterable(Iterator<String> iterator) {
        List<String> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
