package fr.cpa.enrolment.domain.lifecycle;

import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.TrainingApplication;

/**
 * An application moved from one state to another (or was submitted: {@code from} null). Observed synchronously, in
 * the transaction of the step, by what must happen with it: mails, partners' webhooks, seat counts.
 */
public record ApplicationStepped(TrainingApplication application, ApplicationState from, ApplicationState to,
        By by, String reason) {
}
