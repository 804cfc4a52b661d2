package fr.cpa.ledger.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.Declarations;
import fr.cpa.ledger.domain.Declarations.DeclarationView;
import fr.cpa.ledger.domain.Declarations.Exposure;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * Employers declare, per employee and year, the time worked and the arduous-work exposures. An employer only ever
 * writes and reads under the SIRET of its own token.
 */
@Path("/api/ledger/declarations")
@RolesAllowed("employer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Declarations", description = "Employers' yearly declarations")
public class DeclarationResource {

    public enum ContractType {
        PERMANENT, FIXED_TERM, APPRENTICESHIP, PROFESSIONALISATION, TEMPORARY_AGENCY, OTHER
    }

    /**
     * @param hoursWorked hours worked in the year for this employer, at most two decimals
     * @param referenceHours the employer's full-time yearly duration when it is not the legal one
     */
    /**
     * One employee-year. {@code publicServiceCategory} (A, B, C) and {@code reducedDurationPost} (temps non complet)
     * are for public employers only.
     */
    public record DeclarationRequest(String nir, int year, BigDecimal hoursWorked, BigDecimal referenceHours,
            ContractType contractType, boolean lowQualified, List<Exposure> cppExposures, String publicServiceCategory,
            Boolean reducedDurationPost) {
        @Override
        public String toString() {
            return "DeclarationRequest[***]";
        }
    }

    private final Caller caller;
    private final Declarations declarations;
    private final Clock clock;

    DeclarationResource(Caller caller, Declarations declarations, Clock clock) {
        this.clock = clock;
        this.caller = caller;
        this.declarations = declarations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare one employee-year; a later declaration for the same employee and year replaces it",
            description = "201 for a first declaration, 200 when it replaces one (revision + 1). The NIR is never answered back.")
    public Response declare(@Valid @NotNull DeclarationRequest request) {
        DeclarationValidation.Checked checked = DeclarationValidation.check(request, LocalDate.now(clock).getYear());
        if (!checked.errors().isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The declaration is invalid.", checked.errors());
        }
        Declarations.Saved saved = declarations.save(new Declarations.Employer(caller.siret(), caller.publicEmployer()),
                checked.declaration());
        return Response.status(saved.revision() == 1 ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my declarations")
    public DeclarationView get(@PathParam("id") UUID id) {
        return declarations.find(caller.siret(), id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such declaration."));
    }

}
