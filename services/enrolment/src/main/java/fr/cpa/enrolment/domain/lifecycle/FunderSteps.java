package fr.cpa.enrolment.domain.lifecycle;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.ApplicationTopUp;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A funder that topped an application up may cancel it before the training starts (its top-up then comes back). */
@ApplicationScoped
public class FunderSteps {

    private final Steps steps;

    FunderSteps(Steps steps) {
        this.steps = steps;
    }

    @Transactional
    public TrainingApplication cancel(UUID id, String funderClient, String reason) {
        TrainingApplication application = steps.lock(id);
        if (!ApplicationTopUp.fundedBy(id, funderClient)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such application.");
        }
        application.endedReason = reason;
        application.dueOn = null;
        steps.move(application, ApplicationState.CANCELLED_BY_FUNDER, new By(Actor.FUNDER, funderClient),
                "annulée par le financeur : " + reason);
        return application;
    }
}
