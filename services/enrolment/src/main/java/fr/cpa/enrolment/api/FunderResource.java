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

import fr.cpa.enrolment.api.ApplicationViews.FunderRequestView;
import fr.cpa.enrolment.domain.lifecycle.FunderSteps;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests;
import fr.cpa.enrolment.persistence.TopUpRequest;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * Top-up requests addressed to a funder (by the client id of its token) or to an employer (by its SIRET). A funder
 * answers with the ledger's top-up naming the application ({@code POST /api/ledger/top-ups}), or declines here; a
 * funder that topped an application up may cancel it before the training.
 */
@Path("/api/enrolment")
@RolesAllowed({ "funder", "employer" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Top-up requests (funders)", description = "Requests for top-ups (abondements) addressed to funders")
public class FunderResource {

    private static final List<String> STATUSES = List.of("PENDING", "ANSWERED", "DECLINED", "WITHDRAWN");

    private final Caller caller;
    private final TopUpRequests topUpRequests;
    private final FunderSteps funderSteps;

    FunderResource(Caller caller, TopUpRequests topUpRequests, FunderSteps funderSteps) {
        this.caller = caller;
        this.topUpRequests = topUpRequests;
        this.funderSteps = funderSteps;
    }

    @GET
    @Path("/top-up-requests")
    @Operation(summary = "Requests addressed to me, newest first; status=PENDING for those awaiting my answer")
    @Transactional
    public Response list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging,
            @Context UriInfo uri) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ProblemException(ProblemType.VALIDATION, "The filter is invalid.",
                    List.of(new FieldError("status", "must be one of " + STATUSES)));
        }
        boolean employer = caller.hasRole("employer");
        Page<FunderRequestView> page = Listings.page(TopUpRequest.addressedTo(employer ? "funderSiret"
                : "funderClient", employer ? caller.siret() : caller.clientId(), status), paging,
                request -> ApplicationViews.funderRequest(request,
                        TrainingApplication.findById(request.applicationId)));
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @GET
    @Path("/top-up-requests/{id}")
    @Operation(summary = "One request addressed to me")
    @Transactional
    public FunderRequestView get(@PathParam("id") UUID id) {
        TopUpRequest request = TopUpRequest.<TopUpRequest>findByIdOptional(id).filter(this::addressedToMe)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such top-up request."));
        return ApplicationViews.funderRequest(request, TrainingApplication.findById(request.applicationId));
    }

    @POST
    @Path("/top-up-requests/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decline a request, saying why")
    public FunderRequestView decline(@PathParam("id") UUID id, Forms.Refusal form) {
        List<FieldError> errors = new ArrayList<>();
        Forms.text("reason", form == null ? null : form.reason(), true, errors);
        Forms.failIf(errors, "A reason is required.");
        boolean employer = caller.hasRole("employer");
        topUpRequests.decline(id, employer ? null : caller.clientId(), employer ? caller.siret() : null,
                form.reason().strip());
        return get(id);
    }

    @POST
    @Path("/funded-applications/{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("funder")
    @Operation(summary = "Cancel, before the training, an application I topped up (my top-up comes back)")
    public Response cancel(@PathParam("id") UUID id, Forms.Refusal form) {
        List<FieldError> errors = new ArrayList<>();
        Forms.text("reason", form == null ? null : form.reason(), true, errors);
        Forms.failIf(errors, "A reason is required.");
        TrainingApplication application = funderSteps.cancel(id, caller.clientId(), form.reason().strip());
        return Response.ok(new ApplicationViews.State(application.state.name(), application.state.label())).build();
    }

    private boolean addressedToMe(TopUpRequest request) {
        return caller.hasRole("employer") ? caller.siret().equals(request.funderSiret)
                : caller.clientId().equals(request.funderClient);
    }
}
