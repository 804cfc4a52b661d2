package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.ApplicationTransition;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The one way an application changes state: checked against {@link Transitions}, recorded as a transition (who,
 * when, why) and announced to the observers of {@link ApplicationStepped}, all in the caller's transaction.
 */
@ApplicationScoped
public class Steps {

    private final Clock clock;
    private final Event<ApplicationStepped> stepped;

    Steps(Clock clock, Event<ApplicationStepped> stepped) {
        this.clock = clock;
        this.stepped = stepped;
    }

    /** The application, locked for the step; 404 when it does not exist. */
    @Transactional(TxType.MANDATORY)
    public TrainingApplication lock(UUID id) {
        return TrainingApplication.lock(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such application."));
    }

    /** Records a new application in its first state. */
    @Transactional(TxType.MANDATORY)
    public void begin(TrainingApplication application, By by, String reason) {
        Instant now = clock.instant();
        application.submittedAt = now;
        application.updatedAt = now;
        application.persist();
        record(application, null, by, reason, now);
    }

    /** Moves the application to {@code to}; 409 when the lifecycle does not allow it from its current state. */
    @Transactional(TxType.MANDATORY)
    public void move(TrainingApplication application, ApplicationState to, By by, String reason) {
        ApplicationState from = application.state;
        if (!Transitions.allowed(from, to)) {
            throw new ProblemException(EnrolmentProblems.STATE, "The application is " + from.label().toLowerCase()
                    + " (" + from + "): it cannot become " + to + ".");
        }
        Instant now = clock.instant();
        application.state = to;
        application.updatedAt = now;
        application.version++;
        record(application, from, by, reason, now);
    }

    /** Refuses a step asked after its deadline (the due day itself is still in time). */
    public void inTime(TrainingApplication application) {
        if (application.dueOn != null && today().isAfter(application.dueOn)) {
            throw new ProblemException(EnrolmentProblems.DEADLINE_PASSED, "The deadline of this step was "
                    + application.dueOn + ".");
        }
    }

    /** Refuses a step in any other state than those given. */
    public static void expect(TrainingApplication application, ApplicationState... states) {
        for (ApplicationState state : states) {
            if (application.state == state) {
                return;
            }
        }
        throw new ProblemException(EnrolmentProblems.STATE, "The application is " + application.state.label()
                .toLowerCase() + " (" + application.state + ").");
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private void record(TrainingApplication application, ApplicationState from, By by, String reason, Instant at) {
        ApplicationTransition transition = new ApplicationTransition();
        transition.applicationId = application.id;
        transition.fromState = from == null ? null : from.name();
        transition.toState = application.state.name();
        transition.at = at;
        transition.actor = by.actor().name();
        transition.actorId = by.id();
        transition.reason = reason;
        transition.persist();
        stepped.fire(new ApplicationStepped(application, from, application.state, by, reason));
    }
}
