package fr.cpa.ledger.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.TopUps;
import fr.cpa.ledger.domain.TopUps.FunderType;
import fr.cpa.ledger.domain.TopUps.TopUpView;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * Funders top up a person's CPF (abondement), usually for one training application; an employer tops up only a
 * person it declared. A funder reads back only its own top-ups, never the person.
 */
@Path("/api/ledger/top-ups")
@RolesAllowed({ "funder", "employer" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Top-ups", description = "Funders' top-ups (abondements) of a person's CPF")
public class TopUpResource {

    /** Above any training's price: a typing error, not a top-up (not a legal figure). */
    static final long MAX_CENTS = 10_000_000;
    private static final int MAX_NAME = 200;
    private static final int MAX_PURPOSE = 500;

    /**
     * @param amount euro cents
     * @param applicationId the training application the top-up funds, if any
     */
    public record TopUpRequest(String nir, FunderType funderType, String funderName, Long amount, String purpose,
            UUID applicationId) {
        @Override
        public String toString() {
            return "TopUpRequest[***]";
        }
    }

    private final Caller caller;
    private final TopUps topUps;

    TopUpResource(Caller caller, TopUps topUps) {
        this.caller = caller;
        this.topUps = topUps;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(summary = "Top up a person's CPF (euro cents); with dryRun=true, only say what it would do",
            description = "201 with the top-up; 200 with its effect (balance and available balance before and after, "
                    + "accepted or why not) for a dry run, which writes nothing. Needs an Idempotency-Key. "
                    + "An employer tops up as EMPLOYER, only a person it declared (404 otherwise); other funders "
                    + "need the funder role. 409 when the person's CPF cannot take it now. The NIR is never "
                    + "answered back.")
    public Response topUp(@Valid @NotNull TopUpRequest request, @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        Nir nir = null;
        try {
            nir = Nir.parse(request.nir());
        } catch (Nir.InvalidNirException e) {
            errors.add(new FieldError("nir", e.problem().reason()));
        }
        if (request.funderType() == null) {
            errors.add(new FieldError("funderType", "is required"));
        } else if (request.funderType() == FunderType.EMPLOYER && !caller.hasRole("employer")) {
            errors.add(new FieldError("funderType", "EMPLOYER needs an employer's token"));
        } else if (request.funderType() != FunderType.EMPLOYER && !caller.hasRole("funder")) {
            errors.add(new FieldError("funderType", "an employer tops up as EMPLOYER"));
        }
        text("funderName", request.funderName(), MAX_NAME, errors);
        text("purpose", request.purpose(), MAX_PURPOSE, errors);
        if (request.amount() == null) {
            errors.add(new FieldError("amount", "is required"));
        } else if (request.amount() <= 0 || request.amount() > MAX_CENTS) {
            errors.add(new FieldError("amount", "must be between 1 and " + MAX_CENTS + " euro cents"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The top-up is invalid.", errors);
        }
        String clientId = caller.clientId();
        TopUps.Funder funder = new TopUps.Funder(clientId,
                request.funderType() == FunderType.EMPLOYER ? caller.siret() : null, request.funderType(),
                request.funderName().strip());
        if (dryRun) {
            return Response.ok(topUps.preview(funder, nir, request.amount(), request.applicationId())).build();
        }
        TopUpView topUp = topUps.topUp(TopUps.idFor(clientId, idempotencyKey), funder, nir, request.amount(),
                request.purpose().strip(), request.applicationId());
        return Response.created(URI.create("/api/ledger/top-ups/" + topUp.id())).entity(topUp).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my top-ups, with what was used of it and what came back")
    public TopUpView get(@PathParam("id") UUID id) {
        return topUps.find(caller.clientId(), id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such top-up."));
    }

    private static void text(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
