package fr.cpa.identity.api;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.identity.domain.Closures;

/** Operators record deaths; the NIR travels in the body, never in the URL. */
@Path("/api/identity/deaths")
@RolesAllowed("operator")
@Tag(name = "Operations")
public class DeathResource {

    public record DeathRecord(@NotNull String nir, @NotNull LocalDate dateOfDeath) {
        @Override
        public String toString() {
            return "DeathRecord[***]";
        }
    }

    private final Caller caller;
    private final Closures closures;

    DeathResource(Caller caller, Closures closures) {
        this.caller = caller;
        this.closures = closures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a death: closes the online space if any, and announces HolderClosed (DEATH) by person key",
            description = "201 when recorded, 200 when the same death was already recorded, 409 for another date.")
    public Response record(@Valid @NotNull DeathRecord death) {
        Closures.RecordedDeath recorded = closures.recordDeath(death.nir(), death.dateOfDeath(), caller.operatorName());
        return Response.status(recorded.newlyRecorded() ? 201 : 200).entity(recorded).build();
    }
}
