package fr.cpa.catalogue.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.catalogue.domain.Organisations;
import fr.cpa.catalogue.domain.Organisations.Organisation;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/** Training organisations describe themselves (their own SIRET only); anyone reads them. */
@Path("/api/catalogue/organisations/{siret}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "Training organisations (organismes de formation)")
public class OrganisationResource {

    public record OrganisationRequest(String name, String street, String postcode, String city,
            LocalDate qualiopiGranted) {
    }

    private final Caller caller;
    private final Organisations organisations;
    private final Clock clock;

    OrganisationResource(Caller caller, Organisations organisations, Clock clock) {
        this.clock = clock;
        this.caller = caller;
        this.organisations = organisations;
    }

    @GET
    @Operation(summary = "A training organisation (public)")
    public Organisation get(@PathParam("siret") String siret) {
        return organisations.find(siret)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such organisation."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("training-org")
    @Operation(summary = "Describe my organisation: name, address, Qualiopi certification date",
            description = "The SIRET of the path must be the one of the caller's token (403 otherwise). Needed "
                    + "before publishing offers.")
    public Organisation put(@PathParam("siret") String siret, @Valid @NotNull OrganisationRequest request) {
        if (!siret.equals(caller.siret())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An organisation describes only itself.");
        }
        List<FieldError> errors = new ArrayList<>();
        Fields.text("name", request.name(), 200, errors);
        Fields.text("street", request.street(), 200, errors);
        Fields.postcode("postcode", request.postcode(), errors);
        Fields.text("city", request.city(), 100, errors);
        if (request.qualiopiGranted() != null && request.qualiopiGranted().isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("qualiopiGranted", "must not be in the future"));
        }
        Fields.throwIfAny("The organisation is invalid.", errors);
        return organisations.save(new Organisation(siret, request.name().strip(), request.street().strip(),
                request.postcode(), request.city().strip(), request.qualiopiGranted()));
    }
}
