package fr.cpa.enrolment.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.api.ApplicationViews.HolderView;
import fr.cpa.enrolment.client.Catalogue;
import fr.cpa.enrolment.client.Ledger;
import fr.cpa.enrolment.domain.Applicant;
import fr.cpa.enrolment.domain.ApplicationChoices;
import fr.cpa.enrolment.domain.OfferEligibility;
import fr.cpa.enrolment.domain.SessionOffer;
import fr.cpa.enrolment.domain.StrongLogin;
import fr.cpa.enrolment.domain.funding.FundingPlan;
import fr.cpa.enrolment.domain.lifecycle.HolderSteps;
import fr.cpa.enrolment.domain.lifecycle.Submissions;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * A holder's own training applications: the quote, the sign-up request, the confirmation with a recent FranceConnect+
 * login, the cancellation and top-up requests. A holder sees only their own (404 for anyone else's).
 */
@Path("/api/enrolment/applications")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications (holder)", description = "A holder's training applications paid with their rights")
public class HolderApplicationResource {

    private final Caller caller;
    private final Clock clock;
    private final Catalogue catalogue;
    private final Ledger ledger;
    private final Submissions submissions;
    private final HolderSteps holderSteps;
    private final TopUpRequests topUpRequests;
    private final Duration strongLoginMaxAge;

    HolderApplicationResource(Caller caller, Clock clock, Catalogue catalogue, Ledger ledger, Submissions submissions,
            HolderSteps holderSteps, TopUpRequests topUpRequests,
            @ConfigProperty(name = "cpa.enrolment.strong-login.max-age") Duration strongLoginMaxAge) {
        this.caller = caller;
        this.clock = clock;
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.submissions = submissions;
        this.holderSteps = holderSteps;
        this.topUpRequests = topUpRequests;
        this.strongLoginMaxAge = strongLoginMaxAge;
    }

    @GET
    @Path("/quote")
    @Operation(summary = "What an application would cost and who would pay, without applying",
            description = "The funding plan from the holder's rights today, the price and the holder's contribution in "
                    + "force (and its exemptions). 422 when the training is not eligible for the holder, with why.")
    public FundingPlan quote(@QueryParam("offerId") UUID offerId, @QueryParam("sessionId") UUID sessionId,
            @QueryParam("workingTime") String workingTime, @QueryParam("cpf") Boolean cpf,
            @QueryParam("cec") Boolean cec, @QueryParam("cppPoints") Integer cppPoints) {
        List<FieldError> errors = new ArrayList<>();
        required(offerId, "offerId", errors);
        required(sessionId, "sessionId", errors);
        ApplicationChoices choices = Forms.choices(workingTime, new Forms.RightsForm(cpf, cec, cppPoints), List.of(),
                errors);
        Forms.failIf(errors, "The quote's parameters are invalid.");
        SessionOffer session = catalogue.session(offerId, sessionId);
        OfferEligibility eligibility = catalogue.eligibility(offerId, caller.rawToken());
        return submissions.quote(caller.holderId(), session, eligibility, choices,
                ledger.funds(caller.rawToken(), null)).plan();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(summary = "Apply for a session of a catalogue offer (demande d'inscription)",
            description = "201 with the application and its funding plan; the organisation has its deadline to answer. "
                    + "In working time, the absence request goes to the employer of the holder's profile (422 when the "
                    + "notice is too short: 60 days, 120 for six months or more). Needs an Idempotency-Key.")
    public Response submit(Forms.NewApplication form) {
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The application is invalid.",
                    List.of(new FieldError("body", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        required(form.offerId(), "offerId", errors);
        required(form.sessionId(), "sessionId", errors);
        ApplicationChoices choices = Forms.choices(form.workingTime(), form.rights(), form.topUpRequests(), errors);
        Forms.failIf(errors, "The application is invalid.");
        SessionOffer session = catalogue.session(form.offerId(), form.sessionId());
        OfferEligibility eligibility = catalogue.eligibility(form.offerId(), caller.rawToken());
        TrainingApplication application = submissions.submit(UUID.randomUUID(), applicant(), session, eligibility,
                choices, ledger.funds(caller.rawToken(), null));
        return Response.created(URI.create("/api/enrolment/applications/" + application.id))
                .entity(view(application.id)).build();
    }

    @GET
    @Operation(summary = "My applications, newest first, optionally in some states (state=...; repeatable)")
    @Transactional
    public Response list(@QueryParam("state") List<String> states, @Valid @BeanParam PageRequest paging,
            @Context UriInfo uri) {
        Page<HolderView> page = Listings.page(TrainingApplication.ownedBy("holderId", caller.holderId(),
                Forms.states(states)), paging, ApplicationViews::holder);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my applications, with its plan and history")
    public HolderView get(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("/{id}/confirmation")
    @Idempotent
    @Operation(summary = "Confirm the organisation's proposal: buy the training",
            description = "Needs a login through FranceConnect+ at eIDAS level substantial within the last 30 minutes "
                    + "(401 strong-login-required otherwise, saying how to step up). Takes a seat (409 session-full), "
                    + "records what the holder pays and asks the ledger to hold the rights; the application then "
                    + "waits for FundsReserved. Needs an Idempotency-Key.")
    public HolderView confirm(@PathParam("id") UUID id) {
        StrongLogin.require(caller.claim("acr"), caller.longClaim("auth_time"), clock.instant(), strongLoginMaxAge,
                LocalDate.now(clock));
        TrainingApplication application = holderSteps.confirmable(id, caller.holderId());
        if (application.cppPoints > 0) {
            ledger.convertCppPoints(caller.rawToken(), id, application.cppPoints);
        }
        holderSteps.confirm(id, applicant(), ledger.funds(caller.rawToken(), id));
        return view(id);
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel my application",
            description = "Free more than 7 working days before the start; later, or after that, without force majeure "
                    + "the rights held are debited whole.")
    public HolderView cancel(@PathParam("id") UUID id, Forms.Cancellation form) {
        List<FieldError> errors = new ArrayList<>();
        Forms.text("reason", form == null ? null : form.reason(), true, errors);
        Forms.failIf(errors, "The cancellation is invalid.");
        holderSteps.cancel(id, caller.holderId(), Boolean.TRUE.equals(form.forceMajeure()), form.reason().strip());
        return view(id);
    }

    @POST
    @Path("/{id}/top-up-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a funder (by its client id) or my employer for a top-up of this application")
    @Transactional
    public Response askTopUp(@PathParam("id") UUID id, Forms.TopUpAskForm form) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationChoices.TopUpAsk ask = Forms.topUpAsk(form, "", errors);
        Forms.failIf(errors, "The top-up request is invalid.");
        TrainingApplication application = holderSteps.own(id, caller.holderId());
        String workplace = HolderProfile.of(application.holderId).map(p -> p.workplaceSiret).orElse(null);
        if (ask.employer() && workplace == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The top-up request is invalid.",
                    List.of(new FieldError("employer", "your profile names no workplace (SIRET)")));
        }
        var request = topUpRequests.ask(application, ask, workplace,
                new fr.cpa.enrolment.domain.lifecycle.Actor.By(fr.cpa.enrolment.domain.lifecycle.Actor.HOLDER,
                        caller.holderId().toString()));
        return Response.status(Response.Status.CREATED).entity(ApplicationViews.TopUpRequestView.of(request)).build();
    }

    @Transactional
    HolderView view(UUID id) {
        TrainingApplication application = TrainingApplication.<TrainingApplication>findByIdOptional(id)
                .filter(a -> a.holderId.equals(caller.holderId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such application."));
        return ApplicationViews.holder(application);
    }

    private Applicant applicant() {
        String given = caller.claim("given_name");
        String family = caller.claim("family_name");
        String name = given == null && family == null ? caller.claim("name")
                : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return new Applicant(caller.holderId(), name == null ? "" : name, caller.claim("email"));
    }

    private static void required(Object value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
