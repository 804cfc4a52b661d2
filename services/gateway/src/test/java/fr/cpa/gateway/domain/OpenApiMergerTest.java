package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OpenApiMergerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void clashingSchemasAreRenamedAndTheirReferencesFollow() throws Exception {
        JsonNode ledger = json.readTree("""
                {"paths":{"/api/ledger/accounts":{"get":{"responses":{"200":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Account"}}}}}}}},
                 "components":{"schemas":{"Account":{"type":"object","properties":{"balance":{"type":"integer"}}},
                                          "Problem":{"type":"object"}}}}
                """);
        JsonNode identity = json.readTree("""
                {"paths":{"/api/identity/me":{"get":{"responses":{"200":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Account"}}}}}}}},
                 "components":{"schemas":{"Account":{"type":"object","properties":{"email":{"type":"string"}}},
                                          "Problem":{"type":"object"}}}}
                """);

        JsonNode merged = OpenApiMerger.merge("t", "1", Map.of("ledger", ledger, "identity", identity));

        assertTrue(merged.path("paths").has("/api/ledger/accounts"));
        assertTrue(merged.path("paths").has("/api/identity/me"));
        JsonNode schemas = merged.path("components").path("schemas");
        // identity comes first alphabetically and keeps the name; ledger's different Account is renamed.
        assertEquals("string", schemas.path("Account").path("properties").path("email").path("type").asText());
        assertEquals("integer", schemas.path("ledger_Account").path("properties").path("balance").path("type").asText());
        assertEquals("#/components/schemas/ledger_Account", merged.at(
                "/paths/~1api~1ledger~1accounts/get/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(schemas.has("Problem") && !schemas.has("ledger_Problem"), "identical schemas are shared");
    }
}
