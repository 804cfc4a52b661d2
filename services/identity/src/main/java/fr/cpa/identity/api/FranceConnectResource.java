package fr.cpa.identity.api;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

import fr.cpa.identity.domain.FranceConnectLinks;

/** After a first FranceConnect login, the SPA links it to the holder's space; the next login lands there directly. */
@Path("/api/identity/franceconnect/links")
@Authenticated
@Tag(name = "FranceConnect")
public class FranceConnectResource {

    /** The NIR, only when asked for by a {@code nir-required} problem. */
    public record LinkRequest(String nir) {
        @Override
        public String toString() {
            return "LinkRequest[***]";
        }
    }

    public record Linked(UUID holderId, String status, boolean loginAgain) {
    }

    private final Caller caller;
    private final FranceConnectLinks links;

    FranceConnectResource(Caller caller, FranceConnectLinks links) {
        this.caller = caller;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link my FranceConnect login to my online space",
            description = "Matches the FranceConnect identity pivot with the holders; 409 nir-required when no single space matches. "
                    + "Then log in again with FranceConnect: the token is the holder's.")
    public Linked link(LinkRequest request) {
        UUID loginId = caller.loginId();
        UUID holderId = links.link(loginId, request == null ? null : request.nir());
        return new Linked(holderId, "LINKED", !holderId.equals(loginId));
    }
}
