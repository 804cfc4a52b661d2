package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The employer's answer to an absence in working time (D. 6323-4): it authorises or refuses the calendar, never the
 * content; no answer within 30 calendar days is an authorisation. A refusal ends the application.
 */
@ApplicationScoped
public class EmployerSteps {

    private final Clock clock;
    private final Steps steps;
    private final HolderSteps holderSteps;

    EmployerSteps(Clock clock, Steps steps, HolderSteps holderSteps) {
        this.clock = clock;
        this.steps = steps;
        this.holderSteps = holderSteps;
    }

    @Transactional
    public TrainingApplication decide(UUID id, String siret, boolean authorised, String reason) {
        TrainingApplication application = steps.lock(id);
        if (application.employerSiret == null || !application.employerSiret.equals(siret)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such request.");
        }
        if (!EmployerStatus.PENDING.name().equals(application.employerStatus) || application.state.ended()) {
            throw new ProblemException(EnrolmentProblems.STATE, "This request was already answered ("
                    + application.employerStatus + ").");
        }
        By by = new By(Actor.EMPLOYER, siret);
        if (authorised) {
            authorise(application, EmployerStatus.AUTHORISED, by, reason == null ? "absence autorisée par l'employeur"
                    : "absence autorisée par l'employeur : " + reason);
        } else {
            application.employerStatus = EmployerStatus.REFUSED.name();
            application.employerDecidedAt = clock.instant();
            application.endedReason = reason;
            application.dueOn = null;
            steps.move(application, ApplicationState.REFUSED_BY_EMPLOYER, by, "absence refusée par l'employeur : "
                    + reason);
        }
        return application;
    }

    /** The employer did not answer in time: the absence is authorised (scheduler). */
    @Transactional
    public void silence(UUID id) {
        TrainingApplication application = steps.lock(id);
        if (EmployerStatus.PENDING.name().equals(application.employerStatus) && !application.state.ended()) {
            authorise(application, EmployerStatus.AUTHORISED_BY_SILENCE, By.scheduler(),
                    "sans réponse de l'employeur dans les 30 jours : absence autorisée (Code du travail, D. 6323-4)");
        }
    }

    @Transactional(TxType.MANDATORY)
    void authorise(TrainingApplication application, EmployerStatus status, By by, String reason) {
        application.employerStatus = status.name();
        application.employerDecidedAt = clock.instant();
        if (application.state == ApplicationState.AWAITING_EMPLOYER) {
            holderSteps.fundsHeld(application, by, reason);
        }
    }
}
