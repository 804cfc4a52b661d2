package fr.cpa.identity.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * One admin client for the application's life. The extension's own client is request-scoped: every registration
 * then built a new client and fetched a new token (3 Keycloak calls where 2 do; measured by make bench). This one
 * keeps its token and renews it before expiry.
 */
@ApplicationScoped
public class KeycloakAdminClient {

    @Produces
    @ApplicationScoped
    Keycloak keycloak(@ConfigProperty(name = "cpa.identity.keycloak-admin.url") String url,
            @ConfigProperty(name = "cpa.identity.realm") String realm,
            @ConfigProperty(name = "cpa.identity.keycloak-admin.client-id") String clientId,
            @ConfigProperty(name = "cpa.identity.keycloak-admin.client-secret") String secret) {
        return KeycloakBuilder.builder()
                .serverUrl(url)
                .realm(realm)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(clientId)
                .clientSecret(secret)
                .build();
    }

    void close(@Disposes Keycloak keycloak) {
        keycloak.close();
    }
}
