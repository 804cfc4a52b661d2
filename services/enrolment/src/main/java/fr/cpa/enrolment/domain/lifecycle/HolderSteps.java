package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.Applicant;
import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.enrolment.domain.funding.FundingPlan;
import fr.cpa.enrolment.domain.funding.FundingPlans;
import fr.cpa.enrolment.domain.funding.FundingRequest;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.domain.seats.Seats;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.rules.FrenchFormat;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * What the holder does with their application: confirm the organisation's proposal (a seat is taken, the rights are
 * held by the ledger, the contribution is paid), or cancel it — free more than 7 working days before the start,
 * else, without force majeure, the rights held are forfeited.
 */
@ApplicationScoped
public class HolderSteps {

    private final Clock clock;
    private final Steps steps;
    private final Seats seats;

    HolderSteps(Clock clock, Steps steps, Seats seats) {
        this.clock = clock;
        this.steps = steps;
        this.seats = seats;
    }

    /** The holder's own application, locked; 404 for anyone else's. */
    @Transactional(TxType.MANDATORY)
    public TrainingApplication own(UUID id, UUID holderId) {
        TrainingApplication application = steps.lock(id);
        if (!application.holderId.equals(holderId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such application.");
        }
        return application;
    }

    /** Refuses early, before the ledger is asked anything, an application that cannot be confirmed now. */
    @Transactional
    public TrainingApplication confirmable(UUID id, UUID holderId) {
        TrainingApplication application = own(id, holderId);
        Steps.expect(application, ApplicationState.PROPOSED, ApplicationState.PAYMENT_REFUSED);
        steps.inTime(application);
        return application;
    }

    /**
     * Confirms with the funds the ledger reports now, after the application's CPP points (if any) were converted: takes a seat (409 when the session is full: nothing changes),
     * records what the holder pays and asks the ledger to hold the rest; with nothing to hold, the application is
     * confirmed at once.
     */
    @Transactional
    public TrainingApplication confirm(UUID id, Applicant holder, AvailableFunds funds) {
        TrainingApplication application = confirmable(id, holder.holderId());
        String status = HolderProfile.of(application.holderId).map(p -> p.employmentStatus).orElse(null);
        FundingPlan plan = FundingPlans.plan(new FundingRequest(application.priceCents, application.cecOnly,
                application.useCpf, application.useCec, application.cppPoints, true, status, today()), funds);
        seats.book(application);
        application.plan = PlanJson.of(plan);
        application.funds = PlanJson.of(funds);
        application.planComputedAt = clock.instant();
        application.holderPaymentCents = plan.holderPays();
        application.contributionCents = plan.contribution().amount();
        application.paymentRefusal = null;
        if (holder.email() != null) {
            application.applicantEmail = holder.email();
        }
        By by = new By(Actor.HOLDER, holder.holderId().toString());
        String paid = "confirmée par le titulaire, qui paie " + FrenchFormat.euros(plan.holderPays());
        if (plan.rightsUsed() > 0) {
            steps.move(application, ApplicationState.PAYMENT_PENDING, by, paid + " ; "
                    + FrenchFormat.euros(plan.rightsUsed()) + " de droits à réserver");
        } else {
            fundsHeld(application, by, paid + " ; aucun droit à réserver");
        }
        return application;
    }

    /**
     * The rights are held (or there was nothing to hold): confirmed when the employer, if asked, has authorised the
     * absence; else waiting for it. The organisation then declares the entry within its deadline.
     */
    @Transactional(TxType.MANDATORY)
    public void fundsHeld(TrainingApplication application, By by, String reason) {
        if (EmployerStatus.valueOf(application.employerStatus).authorises()) {
            application.dueOn = EnrolmentRules.entryDue(application.startsOn);
            steps.move(application, ApplicationState.CONFIRMED, by, reason);
        } else {
            application.dueOn = null;
            steps.move(application, ApplicationState.AWAITING_EMPLOYER, by, reason);
        }
    }

    /**
     * Cancels; once rights are held, a cancellation 7 working days or less before the start without force majeure
     * forfeits them (the ledger debits the whole reservation).
     */
    @Transactional
    public TrainingApplication cancel(UUID id, UUID holderId, boolean forceMajeure, String reason) {
        TrainingApplication application = own(id, holderId);
        LocalDate today = today();
        boolean late = ApplicationState.FUNDS_HELD.contains(application.state)
                && !EnrolmentRules.freeCancellation(today, application.startsOn);
        application.forfeited = late && !forceMajeure;
        application.endedReason = reason;
        application.dueOn = null;
        String why = (forceMajeure ? "force majeure : " : "") + reason;
        if (application.forfeited) {
            why += " — annulation " + EnrolmentRules.freeCancellation(today).value()
                    + " jours ouvrés ou moins avant l'entrée en formation : les droits réservés sont débités ("
                    + EnrolmentRules.freeCancellation(today).law() + ")";
        }
        steps.move(application, ApplicationState.CANCELLED_BY_HOLDER, new By(Actor.HOLDER, holderId.toString()),
                why);
        return application;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
