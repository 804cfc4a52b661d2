package fr.cpa.ledger.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The identity service's consent check: 204 when the advisor calling may read that scope of the holder's data. */
@RegisterRestClient(configKey = "identity")
@Path("/api/identity/access-checks")
public interface AccessChecksClient {

    /** {@code resource}: what the advisor reads, recorded in the holder's access log. */
    record AccessCheck(UUID holderId, String scope, String resource) {
    }

    /** Throws for any answer but 2xx; {@code authorization} is the advisor's own bearer token. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    void check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, AccessCheck check);
}
