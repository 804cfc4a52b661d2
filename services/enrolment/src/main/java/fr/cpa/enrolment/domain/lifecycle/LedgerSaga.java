package fr.cpa.enrolment.domain.lifecycle;

import static fr.cpa.enrolment.domain.lifecycle.ApplicationState.*;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.enrolment.domain.funding.FundingPlan;
import fr.cpa.platform.events.DomainEvent;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.ApplicationAccepted;
import fr.cpa.platform.events.enrolment.ApplicationCancelled;
import fr.cpa.platform.events.enrolment.ApplicationSubmitted;
import fr.cpa.platform.events.enrolment.TrainingCompleted;

/**
 * The enrolment side of the saga with the ledger: each step that concerns the holder's rights goes out as an event
 * through the outbox, in the step's transaction, so that it is published if and only if the step commits. The
 * ledger's answers come back to {@code LedgerAnswers}.
 */
@ApplicationScoped
public class LedgerSaga {

    /** The cause the ledger reads for each way an application ends without training. */
    private static final Map<ApplicationState, String> CAUSES = Map.of(
            REFUSED_BY_ORGANISATION, "ORGANISATION_REFUSED",
            REFUSED_BY_EMPLOYER, "EMPLOYER_REFUSED",
            CANCELLED_BY_ORGANISATION, "ORGANISATION_CANCELLED",
            CANCELLED_BY_FUNDER, "FUNDER_CANCELLED",
            EXPIRED, "EXPIRED");

    private final Outbox outbox;

    LedgerSaga(Outbox outbox) {
        this.outbox = outbox;
    }

    void onStep(@Observes ApplicationStepped step) {
        TrainingApplication application = step.application();
        DomainEvent event = switch (step.to()) {
            case SUBMITTED -> new ApplicationSubmitted(application.id, application.personKey, application.offerId,
                    application.sessionId, application.organisationSiret, application.priceCents);
            case PAYMENT_PENDING -> {
                FundingPlan plan = PlanJson.plan(application);
                yield new ApplicationAccepted(application.id, application.personKey,
                        new ApplicationAccepted.FundingPlan(plan.cpfAmount(), plan.cecAmount()));
            }
            case COMPLETED -> application.reservedCpfCents + application.reservedCecCents == 0 ? null
                    : new TrainingCompleted(application.id, application.personKey, application.durationMinutes,
                            application.attendedMinutes);
            case CANCELLED_BY_HOLDER -> cancelled(application, application.forfeited ? "HOLDER_CANCELLED_LATE"
                    : "HOLDER_CANCELLED");
            case NO_SHOW -> cancelled(application, application.forfeited ? "HOLDER_NO_SHOW" : "HOLDER_CANCELLED");
            default -> CAUSES.containsKey(step.to()) ? cancelled(application, CAUSES.get(step.to())) : null;
        };
        if (event != null) {
            outbox.append(Topics.ENROLMENT_APPLICATIONS, event);
        }
    }

    private static ApplicationCancelled cancelled(TrainingApplication application, String cause) {
        return new ApplicationCancelled(application.id, application.personKey, cause);
    }
}
