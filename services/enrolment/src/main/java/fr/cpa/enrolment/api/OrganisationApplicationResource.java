package fr.cpa.enrolment.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.api.ApplicationViews.OrganisationView;
import fr.cpa.enrolment.domain.lifecycle.OrganisationSteps;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * A training organisation's incoming applications, for its own sessions only (the SIRET of its token): it accepts
 * with its proposal or refuses, declares the entry or the holder's absence, the service done with the attendance, or
 * cancels. Another organisation's application is not found.
 */
@Path("/api/enrolment/organisation/applications")
@RolesAllowed("training-org")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications (training organisation)", description = "Applications for the organisation's sessions")
public class OrganisationApplicationResource {

    private final Caller caller;
    private final OrganisationSteps steps;

    OrganisationApplicationResource(Caller caller, OrganisationSteps steps) {
        this.caller = caller;
        this.steps = steps;
    }

    @GET
    @Operation(summary = "Applications for my sessions, newest first, optionally in some states (state=...)")
    @Transactional
    public Response list(@QueryParam("state") List<String> states, @Valid @BeanParam PageRequest paging,
            @Context UriInfo uri) {
        Page<OrganisationView> page = Listings.page(TrainingApplication.ownedBy("organisationSiret", caller.siret(),
                Forms.states(states)), paging, ApplicationViews::organisation);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One application for my sessions")
    public OrganisationView get(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("/{id}/proposal")
    @Operation(summary = "Accept the request with my proposal (dates, price; the session's when left out)",
            description = "Within 2 working days of the request; the start at least 11 working days after today "
                    + "(422 start-too-soon). The holder then has 4 working days to confirm.")
    public OrganisationView propose(@PathParam("id") UUID id, Forms.ProposalForm form) {
        Forms.ProposalForm proposal = form == null ? new Forms.ProposalForm(null, null, null, null) : form;
        List<FieldError> errors = new ArrayList<>();
        if (proposal.priceCents() != null && (proposal.priceCents() < 0 || proposal.priceCents() > Forms.MAX_CENTS)) {
            errors.add(new FieldError("priceCents", "must be between 0 and " + Forms.MAX_CENTS + " euro cents"));
        }
        Forms.text("message", proposal.message(), false, errors);
        Forms.failIf(errors, "The proposal is invalid.");
        steps.propose(id, caller.siret(), new OrganisationSteps.Proposal(proposal.startsOn(), proposal.endsOn(),
                proposal.priceCents(), Forms.strip(proposal.message())));
        return view(id);
    }

    @POST
    @Path("/{id}/refusal")
    @Operation(summary = "Refuse the request, saying why")
    public OrganisationView refuse(@PathParam("id") UUID id, Forms.Refusal form) {
        steps.refuse(id, caller.siret(), reason(form == null ? null : form.reason()));
        return view(id);
    }

    @POST
    @Path("/{id}/entry")
    @Operation(summary = "Declare the holder's entry into training (from its first day, within 3 working days)")
    public OrganisationView enter(@PathParam("id") UUID id) {
        steps.enter(id, caller.siret());
        return view(id);
    }

    @POST
    @Path("/{id}/no-show")
    @Operation(summary = "Declare that the holder did not come",
            description = "Without force majeure the rights held are debited whole.")
    public OrganisationView noShow(@PathParam("id") UUID id, Forms.NoShow form) {
        String reason = reason(form == null ? null : form.reason());
        steps.noShow(id, caller.siret(), Boolean.TRUE.equals(form.forceMajeure()), reason);
        return view(id);
    }

    @POST
    @Path("/{id}/completion")
    @Operation(summary = "Declare the service done with the hours attended (and why, when partial)",
            description = "The ledger then debits the rights held prorated to attendance.")
    public OrganisationView complete(@PathParam("id") UUID id, Forms.CompletionForm form) {
        List<FieldError> errors = new ArrayList<>();
        Long minutes = Forms.attendedMinutes(form == null ? null : form.attendedHours(), errors);
        OrganisationSteps.PartialReason partial = Forms.partialReason(form == null ? null : form.partialReason(),
                errors);
        Forms.failIf(errors, "The completion is invalid.");
        steps.complete(id, caller.siret(), minutes, partial);
        return view(id);
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(summary = "Cancel an application before the training starts, saying why")
    public OrganisationView cancel(@PathParam("id") UUID id, Forms.Refusal form) {
        steps.cancel(id, caller.siret(), reason(form == null ? null : form.reason()));
        return view(id);
    }

    private static String reason(String reason) {
        List<FieldError> errors = new ArrayList<>();
        Forms.text("reason", reason, true, errors);
        Forms.failIf(errors, "A reason is required.");
        return reason.strip();
    }

    @Transactional
    OrganisationView view(UUID id) {
        String siret = caller.siret();
        return TrainingApplication.<TrainingApplication>findByIdOptional(id)
                .filter(a -> a.organisationSiret.equals(siret)).map(ApplicationViews::organisation)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such application."));
    }
}
