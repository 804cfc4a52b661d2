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

import fr.cpa.enrolment.api.ApplicationViews.EmployerView;
import fr.cpa.enrolment.domain.lifecycle.EmployerSteps;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * An employer's requests for absences in working time from its employees (the SIRET of its token): the calendar,
 * never the content of the training. No answer within 30 calendar days is an authorisation.
 */
@Path("/api/enrolment/employer/requests")
@RolesAllowed("employer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Absence requests (employer)", description = "Employees' requests for training in working time")
public class EmployerResource {

    private static final List<String> STATUSES = List.of("PENDING", "AUTHORISED", "AUTHORISED_BY_SILENCE",
            "REFUSED");

    private final Caller caller;
    private final EmployerSteps steps;

    EmployerResource(Caller caller, EmployerSteps steps) {
        this.caller = caller;
        this.steps = steps;
    }

    @GET
    @Operation(summary = "Requests addressed to me, newest first; status=PENDING for those awaiting my answer")
    @Transactional
    public Response list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging,
            @Context UriInfo uri) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ProblemException(ProblemType.VALIDATION, "The filter is invalid.",
                    List.of(new FieldError("status", "must be one of " + STATUSES)));
        }
        Page<EmployerView> page = Listings.page(TrainingApplication.forEmployer(caller.siret(), status), paging,
                ApplicationViews::employerRequest);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One request addressed to me")
    public EmployerView get(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorise or refuse the absence (a refusal says why and ends the application)")
    public EmployerView decide(@PathParam("id") UUID id, Forms.Decision form) {
        List<FieldError> errors = new ArrayList<>();
        if (form == null || form.authorised() == null) {
            errors.add(new FieldError("authorised", "is required"));
        }
        Forms.text("reason", form == null ? null : form.reason(), form != null && Boolean.FALSE.equals(
                form.authorised()), errors);
        Forms.failIf(errors, "The decision is invalid.");
        steps.decide(id, caller.siret(), form.authorised(), Forms.strip(form.reason()));
        return view(id);
    }

    @Transactional
    EmployerView view(UUID id) {
        String siret = caller.siret();
        return TrainingApplication.<TrainingApplication>findByIdOptional(id)
                .filter(a -> siret.equals(a.employerSiret)).map(ApplicationViews::employerRequest)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such request."));
    }
}
