package fr.cpa.ledger.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * person it declared. A funder reads back only its organisation's top-ups, never the person.
 */
@Path("/api/ledger/top-ups")
@RolesAllowed({ "funder", "employer" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Top-ups", description = "Funders' top-ups (abondements) of a person's CPF")
public class TopUpResource {

    /** Above any training's price: a typing error, not a top-up (not a legal figure). */
    static final long MAX_CENTS = 10_000_000;
    private static final String FUNDER_TYPE_CLAIM = "funder_type";
    private static final int MAX_PURPOSE = 500;

    /**
     * Who tops up and under what name comes from the funder's client configuration (claims {@code funder_type},
     * {@code organisation}, {@code organisation_name}), never from the body: a funder cannot appear as another.
     *
     * @param amount euro cents
     * @param applicationId the training application the top-up funds, if any
     * @param lapsesOn the top-up's last day (yyyy-MM-dd), or null: after it its unused part lapses (décret 2025-341)
     * @param unusedReturnsToFunder whether what is left unused goes back to the funder (the default) or stays with
     *        the holder
     * @param corrective an employer's corrective top-up (abondement correctif, L. 6323-13): the fixed sum in force,
     *        for no application, with no condition
     */
    public record TopUpRequest(String nir, Long amount, String purpose, UUID applicationId, String lapsesOn,
            Boolean unusedReturnsToFunder, Boolean corrective) {
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
    @Operation(summary = "Top up a person's CPF (euro cents); with dryRun=true, only say whether it would be accepted",
            description = "201 with the top-up; 200 with `accepted` and, if not, `refusal` for a dry run, which "
                    + "writes nothing and says nothing of the person's accounts. Needs an Idempotency-Key. The "
                    + "funder's type and name come from its client's configuration: an employer tops up as EMPLOYER, "
                    + "only a person it declared (404 otherwise); a funder without a funder type (a CEC certifier) "
                    + "may not (403). 409 when the person's CPF cannot take it now. The NIR is never answered back.")
    public Response topUp(@Valid @NotNull TopUpRequest request, @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        Nir nir = null;
        try {
            nir = Nir.parse(request.nir());
        } catch (Nir.InvalidNirException e) {
            errors.add(new FieldError("nir", e.problem().reason()));
        }
        text("purpose", request.purpose(), MAX_PURPOSE, errors);
        if (request.amount() == null) {
            errors.add(new FieldError("amount", "is required"));
        } else if (request.amount() <= 0 || request.amount() > MAX_CENTS) {
            errors.add(new FieldError("amount", "must be between 1 and " + MAX_CENTS + " euro cents"));
        }
        LocalDate lapsesOn = null;
        if (request.lapsesOn() != null) {
            try {
                lapsesOn = LocalDate.parse(request.lapsesOn());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("lapsesOn", "must be a date, yyyy-MM-dd"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The top-up is invalid.", errors);
        }
        TopUps.Conditions conditions = new TopUps.Conditions(lapsesOn,
                !Boolean.FALSE.equals(request.unusedReturnsToFunder()));
        TopUps.Funder funder = funder(Boolean.TRUE.equals(request.corrective()));
        if (dryRun) {
            return Response.ok(topUps.check(funder, nir, request.applicationId())).build();
        }
        TopUpView topUp = topUps.topUp(TopUps.idFor(funder.clientId(), idempotencyKey), funder, nir,
                request.amount(), request.purpose().strip(), request.applicationId(), conditions);
        return Response.created(URI.create("/api/ledger/top-ups/" + topUp.id())).entity(topUp).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my top-ups, with what was used of it and what came back")
    public TopUpView get(@PathParam("id") UUID id) {
        return topUps.find(owner(), id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such top-up."));
    }

    /**
     * The funder as its client's configuration describes it; an employer is its SIRET, and the only one to make a
     * corrective top-up.
     */
    private TopUps.Funder funder(boolean corrective) {
        if (caller.hasRole("employer")) {
            return new TopUps.Funder(caller.clientId(), caller.siret(), caller.siret(),
                    corrective ? FunderType.EMPLOYER_CORRECTIVE : FunderType.EMPLOYER, caller.organisationName());
        }
        if (corrective) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an employer owes a corrective top-up.");
        }
        FunderType type;
        try {
            type = FunderType.valueOf(String.valueOf(caller.claim(FUNDER_TYPE_CLAIM)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "This funder's client names no funder type: it may not top up accounts.");
        }
        if (type == FunderType.EMPLOYER || type == FunderType.EMPLOYER_CORRECTIVE) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an employer's client tops up as EMPLOYER.");
        }
        return new TopUps.Funder(caller.clientId(), caller.organisation(), null, type, caller.organisationName());
    }

    /** Whose top-ups the caller reads: its organisation's, whichever of its clients made them. */
    private String owner() {
        return caller.hasRole("employer") ? caller.siret() : caller.organisation();
    }

    private static void text(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
