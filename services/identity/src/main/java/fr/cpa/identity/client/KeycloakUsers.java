package fr.cpa.identity.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The logins of holders in Keycloak, through its admin API as the service account of client {@code cpa-identity}.
 * Keycloak owns passwords and sessions; this service owns who the person is. Every call is idempotent or says
 * what it found, so a registration interrupted between Keycloak and the database can be retried.
 */
@ApplicationScoped
public class KeycloakUsers {

    /**
     * The group whose members have the realm role {@code holder}. Joining it at creation, in the same admin call,
     * spares registration a second call to map the role.
     */
    public static final String HOLDERS_GROUP = "/holders";

    private final Keycloak keycloak;
    private final String realmName;

    KeycloakUsers(Keycloak keycloak, @ConfigProperty(name = "cpa.identity.realm") String realmName) {
        this.keycloak = keycloak;
        this.realmName = realmName;
    }

    /** What a new login is made of. The username is the NIR, as on the national site. */
    public record NewAccount(String username, String email, String firstName, String lastName, String password) {
        @Override
        public String toString() {
            return "NewAccount[***]";
        }
    }

    public sealed interface Creation {
    }

    public record Created(String userId) implements Creation {
    }

    /** The username (NIR) or the e-mail already belongs to a login. */
    public record Taken() implements Creation {
    }

    /** Keycloak refused the password (its realm policy); our own check should have caught it first. */
    public record PasswordRefused(String reason) implements Creation {
    }

    /**
     * Creates a disabled login with an unverified e-mail, in the holders' group: it opens when the validation link
     * is followed ({@link #activate}).
     */
    public Creation create(NewAccount login) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(login.username());
        user.setEmail(login.email());
        user.setFirstName(login.firstName());
        user.setLastName(login.lastName());
        user.setEnabled(false);
        user.setEmailVerified(false);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(login.password());
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        user.setGroups(List.of(HOLDERS_GROUP));
        try (Response response = realm().users().create(user)) {
            int status = response.getStatus();
            if (status == 409) {
                return new Taken();
            }
            if (status == 400) {
                String error = response.readEntity(String.class);
                if (error.contains("assword")) {
                    return new PasswordRefused(error);
                }
            }
            if (status != 201) {
                // Includes a 400 that is not about the password (e.g. the holders' group missing from the realm).
                throw new KeycloakUnavailableException("Keycloak answered " + status + " to a user creation");
            }
            return new Created(CreatedResponseUtil.getCreatedId(response));
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new KeycloakUnavailableException("Keycloak user creation failed", e);
        }
    }

    /** The login whose username is exactly this (a NIR), if any. */
    public Optional<UserRepresentation> findByUsername(String username) {
        return call(() -> realm().users().search(username, true).stream().findFirst());
    }

    public Optional<UserRepresentation> findByEmail(String email) {
        return call(() -> realm().users().searchByEmail(email, true).stream().findFirst());
    }

    public Optional<UserRepresentation> find(String userId) {
        try {
            return Optional.of(realm().users().get(userId).toRepresentation());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new KeycloakUnavailableException("Keycloak user lookup failed", e);
        }
    }

    /** Opens the login once the e-mail is validated. Idempotent. */
    public void activate(String userId) {
        update(userId, user -> {
            user.setEnabled(true);
            user.setEmailVerified(true);
        });
    }

    /** Closes the login (the holder's choice, or a death) and ends its sessions. Idempotent. */
    public void disable(String userId) {
        update(userId, user -> user.setEnabled(false));
        call(() -> {
            realm().users().get(userId).logout();
            return null;
        });
    }

    public void changeEmail(String userId, String email) {
        update(userId, user -> {
            user.setEmail(email);
            user.setEmailVerified(true);
        });
    }

    public void changeNames(String userId, String firstName, String lastName) {
        update(userId, user -> {
            user.setFirstName(firstName);
            user.setLastName(lastName);
        });
    }

    /** Sets a new password and ends every session, as after any password reset. */
    public void resetPassword(String userId, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        call(() -> {
            UserResource user = realm().users().get(userId);
            user.resetPassword(credential);
            user.logout();
            return null;
        });
    }

    public void delete(String userId) {
        call(() -> {
            try (Response response = realm().users().delete(userId)) {
                if (response.getStatus() >= 300 && response.getStatus() != 404) {
                    throw new KeycloakUnavailableException("Keycloak answered " + response.getStatus() + " to a deletion");
                }
            }
            return null;
        });
    }

    /** The user's link to an identity provider, e.g. FranceConnect. */
    public Optional<FederatedIdentityRepresentation> federatedIdentity(String userId, String providerAlias) {
        return call(() -> realm().users().get(userId).getFederatedIdentity().stream()
                .filter(link -> providerAlias.equals(link.getIdentityProvider())).findFirst());
    }

    public void addFederatedIdentity(String userId, FederatedIdentityRepresentation link) {
        call(() -> {
            try (Response response = realm().users().get(userId)
                    .addFederatedIdentity(link.getIdentityProvider(), link)) {
                if (response.getStatus() >= 300 && response.getStatus() != 409) {
                    throw new KeycloakUnavailableException("Keycloak answered " + response.getStatus()
                            + " to an identity provider link");
                }
            }
            return null;
        });
    }

    /** The single-valued attributes of a login (e.g. the FranceConnect pivot identity copied at login). */
    public Map<String, String> attributes(UserRepresentation user) {
        Map<String, String> values = new java.util.HashMap<>();
        if (user.getAttributes() != null) {
            user.getAttributes().forEach((name, list) -> {
                if (list != null && !list.isEmpty()) {
                    values.put(name, list.get(0));
                }
            });
        }
        return values;
    }

    /** Whether this client id is an advisor agency: a confidential client whose service account has the role. */
    public boolean isAdvisorAgency(String clientId) {
        return call(() -> {
            List<ClientRepresentation> clients = realm().clients().findByClientId(clientId);
            if (clients.isEmpty() || !Boolean.TRUE.equals(clients.get(0).isServiceAccountsEnabled())) {
                return false;
            }
            UserRepresentation account = realm().clients().get(clients.get(0).getId()).getServiceAccountUser();
            return realm().users().get(account.getId()).roles().realmLevel().listEffective().stream()
                    .anyMatch(role -> "advisor".equals(role.getName()));
        });
    }

    private void update(String userId, java.util.function.Consumer<UserRepresentation> change) {
        call(() -> {
            UserResource resource = realm().users().get(userId);
            UserRepresentation user = resource.toRepresentation();
            change.accept(user);
            resource.update(user);
            return null;
        });
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new KeycloakUnavailableException("Keycloak admin call failed", e);
        }
    }

    private RealmResource realm() {
        return keycloak.realm(realmName);
    }
}
