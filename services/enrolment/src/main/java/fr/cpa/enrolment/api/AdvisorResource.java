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

import fr.cpa.enrolment.api.ApplicationViews.HolderView;
import fr.cpa.enrolment.domain.ApplicationChoices;
import fr.cpa.enrolment.domain.lifecycle.Actor;
import fr.cpa.enrolment.domain.lifecycle.Steps;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.AdvisorAccess;
import fr.cpa.platform.web.security.AdvisorRead;
import fr.cpa.platform.web.security.Caller;

/**
 * A holder's applications seen by an advisor agency, only under the holder's live consent for "applications",
 * checked with the identity service at every request (and recorded in the holder's access log); the advisor may also
 * ask a funder for a top-up on the holder's behalf.
 */
@Path("/api/enrolment/holders/{holderId}/applications")
@RolesAllowed("advisor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications (advisors)", description = "A holder's applications, with the holder's consent")
public class AdvisorResource {

    private final Caller caller;
    private final AdvisorAccess access;
    private final TopUpRequests topUpRequests;
    private final Steps steps;

    AdvisorResource(Caller caller, AdvisorAccess access, TopUpRequests topUpRequests, Steps steps) {
        this.caller = caller;
        this.access = access;
        this.topUpRequests = topUpRequests;
        this.steps = steps;
    }

    @GET
    @Operation(summary = "A holder's applications, with the holder's live consent (scope applications)")
    @Transactional
    public Response list(@PathParam("holderId") UUID holderId, @QueryParam("state") List<String> states,
            @Valid @BeanParam PageRequest paging, @Context UriInfo uri) {
        access.require(caller.rawToken(), holderId, AdvisorRead.APPLICATIONS);
        Page<HolderView> page = Listings.page(TrainingApplication.ownedBy("holderId", holderId, Forms.states(states)),
                paging, ApplicationViews::holder);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of a holder's applications, with the holder's live consent")
    @Transactional
    public HolderView get(@PathParam("holderId") UUID holderId, @PathParam("id") UUID id) {
        access.require(caller.rawToken(), holderId, AdvisorRead.APPLICATION);
        return ApplicationViews.holder(ofHolder(holderId, id));
    }

    @POST
    @Path("/{id}/top-up-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a funder for a top-up of a holder's application, from my agency")
    @Transactional
    public Response askTopUp(@PathParam("holderId") UUID holderId, @PathParam("id") UUID id,
            Forms.TopUpAskForm form) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationChoices.TopUpAsk ask = Forms.topUpAsk(form, "", errors);
        Forms.failIf(errors, "The top-up request is invalid.");
        access.require(caller.rawToken(), holderId, AdvisorRead.TOP_UP_REQUEST);
        ofHolder(holderId, id);
        String workplace = HolderProfile.of(holderId).map(p -> p.workplaceSiret).orElse(null);
        if (ask.employer() && workplace == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The top-up request is invalid.",
                    List.of(new FieldError("employer", "the holder's profile names no workplace (SIRET)")));
        }
        var request = topUpRequests.ask(steps.lock(id), ask, workplace,
                new Actor.By(Actor.ADVISOR, caller.clientId()));
        return Response.status(Response.Status.CREATED).entity(ApplicationViews.TopUpRequestView.of(request)).build();
    }

    private static TrainingApplication ofHolder(UUID holderId, UUID id) {
        return TrainingApplication.<TrainingApplication>findByIdOptional(id).filter(a -> a.holderId.equals(holderId))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such application."));
    }
}
