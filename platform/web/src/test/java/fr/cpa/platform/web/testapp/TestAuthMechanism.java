package fr.cpa.platform.web.testapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Test-only authentication: {@code X-Test-User: alice} (roles in {@code X-Test-Roles}) is alice; {@code rejected}
 * fails authentication; no header is anonymous.
 */
@ApplicationScoped
public class TestAuthMechanism implements HttpAuthenticationMechanism {

    public static final String USER = "X-Test-User";
    public static final String ROLES = "X-Test-Roles";
    public static final String REJECTED = "rejected";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String user = context.request().getHeader(USER);
        if (user == null) {
            return Uni.createFrom().nullItem();
        }
        if (REJECTED.equals(user)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(ProblemResource.SECRET));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user));
        String roles = context.request().getHeader(ROLES);
        if (roles != null) {
            identity.addRoles(Set.of(roles.split(",")));
        }
        return Uni.createFrom().item(identity.build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "TestUser"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
