package fr.cpa.identity.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import fr.cpa.identity.domain.Consents;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.security.AdvisorAccess;
import fr.cpa.platform.web.security.AdvisorRead;

/**
 * The check a service makes before an advisor reads a holder's data: the service forwards the advisor's own token,
 * so the advisor is identified by Keycloak, not by the calling service's word. Every check is logged for the holder,
 * naming one of the fixed {@link AdvisorRead}s. Internal: its path is outside {@code /api}, so the gateway never
 * routes it and an advisor cannot write in a holder's log by calling it.
 */
@Path(AdvisorAccess.CHECKS_PATH)
@RolesAllowed("advisor")
@Tag(name = "Consents")
public class AccessCheckResource {

    public record AccessCheck(@NotNull UUID holderId, @NotNull AdvisorRead read) {
    }

    private final Caller caller;
    private final Consents consents;

    AccessCheckResource(Caller caller, Consents consents) {
        this.caller = caller;
        this.consents = consents;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    // Hidden from the API's document: a call between services, not part of the public API.
    @Operation(hidden = true, summary = "May this advisor read this of this holder's data now? 204 yes, 403 no; logged")
    public void check(@Valid @NotNull AccessCheck check) {
        if (!consents.check(caller.clientId(), check.holderId(), check.read().scope(), check.read().resource())) {
            throw new ProblemException(Consents.NO_CONSENT);
        }
    }
}
