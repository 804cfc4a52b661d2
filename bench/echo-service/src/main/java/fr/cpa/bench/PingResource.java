package fr.cpa.bench;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

/** A small authenticated read: the token is checked exactly as a service checks it, then a tiny JSON answer. */
@Path("/api/bench/ping")
public class PingResource {

    private final SecurityIdentity identity;

    PingResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @RolesAllowed("holder")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return Map.of("holder", identity.getPrincipal().getName());
    }
}
