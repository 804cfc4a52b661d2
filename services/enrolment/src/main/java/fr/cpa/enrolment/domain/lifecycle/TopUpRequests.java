package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.ApplicationChoices.TopUpAsk;
import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.enrolment.domain.funding.FundingPlans;
import fr.cpa.enrolment.domain.funding.FundingRequest;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.ApplicationTopUp;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.TopUpRequest;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.events.ledger.ApplicationToppedUp;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Top-ups asked of funders for an application: a holder (or their advisor) asks a funder, or the holder's employer,
 * for an amount; the funder answers by topping up the holder's CPF for the application through the ledger, or
 * declines. The ledger's {@code ApplicationToppedUp} answers the oldest pending request of that funder and updates the
 * application's plan. Requests still pending when the application ends are withdrawn.
 */
@ApplicationScoped
public class TopUpRequests {

    /** A request was made or answered: for the partners' webhooks and mails. */
    public record TopUpRequestChanged(TopUpRequest request, TrainingApplication application) {
    }

    private final Clock clock;
    private final Event<TopUpRequestChanged> changed;

    TopUpRequests(Clock clock, Event<TopUpRequestChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional(TxType.MANDATORY)
    public TopUpRequest ask(TrainingApplication application, TopUpAsk ask, String workplaceSiret, By by) {
        if (!ApplicationState.BEFORE_CONFIRMATION.contains(application.state)) {
            throw new ProblemException(EnrolmentProblems.STATE, "Top-ups are asked before the holder confirms.");
        }
        TopUpRequest request = new TopUpRequest();
        request.id = UUID.randomUUID();
        request.applicationId = application.id;
        if (ask.employer()) {
            request.funderSiret = workplaceSiret;
        } else {
            request.funderClient = ask.funderClient();
        }
        request.amountCents = ask.amountCents();
        request.message = ask.message();
        request.status = "PENDING";
        request.requestedBy = by.actor().name();
        request.requestedById = by.id();
        request.createdAt = clock.instant();
        request.persist();
        changed.fire(new TopUpRequestChanged(request, application));
        return request;
    }

    /** The funder declines; its request is then closed. 404 for a request not addressed to it. */
    @Transactional
    public TopUpRequest decline(UUID requestId, String funderClient, String funderSiret, String answer) {
        TopUpRequest request = TopUpRequest.lock(requestId)
                .filter(r -> r.funderClient != null ? r.funderClient.equals(funderClient)
                        : r.funderSiret.equals(funderSiret))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such top-up request."));
        if (!"PENDING".equals(request.status)) {
            throw new ProblemException(EnrolmentProblems.STATE, "This request is already " + request.status + ".");
        }
        request.status = "DECLINED";
        request.answer = answer;
        request.answeredAt = clock.instant();
        changed.fire(new TopUpRequestChanged(request, TrainingApplication.findById(request.applicationId)));
        return request;
    }

    /**
     * The ledger announces a top-up for an application: kept once, it answers the funder's pending request and, before
     * the holder confirms, updates the plan from the funds last read.
     */
    @Transactional(TxType.MANDATORY)
    public void toppedUp(ApplicationToppedUp topUp) {
        TrainingApplication application = TrainingApplication.lock(topUp.applicationId()).orElse(null);
        if (application == null || ApplicationTopUp.findById(topUp.topUpId()) != null) {
            return;
        }
        Instant now = clock.instant();
        ApplicationTopUp kept = new ApplicationTopUp();
        kept.topUpId = topUp.topUpId();
        kept.applicationId = application.id;
        kept.funderClient = topUp.funderClientId();
        kept.funderType = topUp.funderType();
        kept.funderName = topUp.funderName();
        kept.amountCents = topUp.amount();
        kept.receivedAt = now;
        kept.persist();
        TopUpRequest.pendingFrom(application.id, topUp.funderClientId(), topUp.funderSiret())
                .ifPresent(request -> {
                    request.status = "ANSWERED";
                    request.topUpId = topUp.topUpId();
                    request.answeredAt = now;
                    changed.fire(new TopUpRequestChanged(request, application));
                });
        if (ApplicationState.BEFORE_CONFIRMATION.contains(application.state)) {
            replan(application);
        }
    }

    /** The plan computed again from the funds last read and the top-ups announced since for this application. */
    @Transactional(TxType.MANDATORY)
    public void replan(TrainingApplication application) {
        AvailableFunds last = PlanJson.funds(application);
        AvailableFunds funds = new AvailableFunds(last.cpfFree(), ApplicationTopUp.ofApplication(application.id)
                .stream().map(t -> new AvailableFunds.EarmarkedTopUp(t.topUpId, t.funderType, t.funderName,
                        t.amountCents)).toList(), last.cecAvailable(), last.cppPoints(), last.cppPointValue());
        String status = HolderProfile.of(application.holderId).map(p -> p.employmentStatus).orElse(null);
        FundingRequest request = new FundingRequest(application.priceCents, application.cecOnly, application.useCpf,
                application.useCec, application.cppPoints, false, status, java.time.LocalDate.now(clock));
        application.plan = PlanJson.of(FundingPlans.plan(request, funds));
        application.funds = PlanJson.of(funds);
        application.planComputedAt = clock.instant();
    }

    /** Requests still pending when the application ends are withdrawn. */
    void onStep(@Observes ApplicationStepped step) {
        if (step.to().ended()) {
            Instant now = clock.instant();
            for (TopUpRequest request : TopUpRequest.ofApplication(step.application().id)) {
                if ("PENDING".equals(request.status)) {
                    request.status = "WITHDRAWN";
                    request.answeredAt = now;
                    changed.fire(new TopUpRequestChanged(request, step.application()));
                }
            }
        }
    }
}
