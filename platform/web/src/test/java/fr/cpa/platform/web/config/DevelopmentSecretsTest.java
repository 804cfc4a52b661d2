package fr.cpa.platform.web.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class DevelopmentSecretsTest {

    @Test
    void theRepositorysDevelopmentDefaultsAreKnownAsSuch() {
        assertTrue(DevelopmentSecrets.isDevelopmentValue("local development only: person key pepper, replace"));
        // Base64 of "local-development-only-nir-key!!", alone and in a key ring.
        assertTrue(DevelopmentSecrets.isDevelopmentValue("bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1uaXIta2V5ISE="));
        assertTrue(DevelopmentSecrets.isDevelopmentValue("2:c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1zZWNyZXQtISE=,"
                + "1:bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1uaXIta2V5ISE="));
        assertTrue(DevelopmentSecrets.isDevelopmentValue("cpa-identity-secret"));
        assertFalse(DevelopmentSecrets.isDevelopmentValue("c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1zZWNyZXQtISE="));
        assertFalse(DevelopmentSecrets.isDevelopmentValue("Zq3!v9-long-random-secret-from-a-vault"));
    }

    @Test
    void onlySecretPropertiesHoldingADevelopmentValueAreNamed() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "cpa.person-key.pepper", "local development only: person key pepper, replace",
                "quarkus.oidc.credentials.secret", "a-real-secret-from-the-vault-1f9c",
                "cpa.identity.keycloak-admin.client-secret", "cpa-identity-secret",
                "quarkus.datasource.password", "Xk29-prod-password",
                "cpa.identity.spa-url", "local development only, not a secret"), "test", 100)).build();

        assertEquals(List.of("cpa.identity.keycloak-admin.client-secret", "cpa.person-key.pepper"),
                DevelopmentSecrets.developmentSecrets(config).stream().sorted().toList());
    }
}
