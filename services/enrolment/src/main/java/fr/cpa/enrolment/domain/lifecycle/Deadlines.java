package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.rules.FrenchFormat;

/**
 * What happens when nobody answers in time, run by the scheduler (and by operators on demand): a request the
 * organisation did not answer, a proposal the holder did not confirm and an entry not declared expire; an employer's
 * silence authorises the absence; validated services are paid. Each application is handled in its own transaction,
 * locked, and checked again, so the run can overlap a person's own action and can be repeated.
 */
@ApplicationScoped
public class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class);
    private static final int BATCH = 200;

    /** The states whose deadline ends the application, and why. */
    private static final Map<ApplicationState, String> EXPIRING = Map.of(
            ApplicationState.SUBMITTED, "l'organisme n'a pas répondu dans le délai",
            ApplicationState.PROPOSED, "la proposition n'a pas été confirmée dans le délai",
            ApplicationState.PAYMENT_REFUSED, "la proposition n'a pas été confirmée dans le délai",
            ApplicationState.CONFIRMED, "l'entrée en formation n'a pas été déclarée dans le délai");

    /** What one run did. */
    public record Run(int expired, int authorisedBySilence, int paid) {
    }

    private final Clock clock;
    private final Steps steps;
    private final EmployerSteps employerSteps;

    Deadlines(Clock clock, Steps steps, EmployerSteps employerSteps) {
        this.clock = clock;
        this.steps = steps;
        this.employerSteps = employerSteps;
    }

    @Scheduled(identity = "cpa-enrolment-deadlines", every = "${cpa.enrolment.deadlines.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = run();
        if (run.expired() + run.authorisedBySilence() + run.paid() > 0) {
            LOG.infof("Deadlines: %d expired, %d authorised by the employer's silence, %d paid", run.expired(),
                    run.authorisedBySilence(), run.paid());
        }
    }

    public Run run() {
        LocalDate today = LocalDate.now(clock);
        int expired = 0;
        for (Map.Entry<ApplicationState, String> expiring : EXPIRING.entrySet()) {
            expired += each(() -> TrainingApplication.overdue(expiring.getKey(), today, BATCH),
                    id -> QuarkusTransaction.requiringNew().call(() -> expire(id, expiring.getKey(),
                            expiring.getValue())));
        }
        int silent = each(() -> TrainingApplication.employerSilent(today, BATCH), id -> {
            employerSteps.silence(id);
            return true;
        });
        int paid = each(() -> TrainingApplication.toPay(BATCH),
                id -> QuarkusTransaction.requiringNew().call(() -> pay(id)));
        return new Run(expired, silent, paid);
    }

    private boolean expire(UUID id, ApplicationState state, String why) {
        TrainingApplication application = steps.lock(id);
        if (application.state != state || application.dueOn == null || !steps.today().isAfter(application.dueOn)) {
            return false;
        }
        application.endedReason = why;
        LocalDate due = application.dueOn;
        application.dueOn = null;
        steps.move(application, ApplicationState.EXPIRED, By.scheduler(), why + " (au plus tard le "
                + FrenchFormat.date(due) + ")");
        return true;
    }

    /** Pays the organisation the rights debited and what the holder paid. */
    private boolean pay(UUID id) {
        TrainingApplication application = steps.lock(id);
        if (application.state != ApplicationState.SERVICE_VALIDATED) {
            return false;
        }
        application.paidOn = steps.today();
        application.paidCents = application.debitedCpfCents + application.debitedCecCents
                + application.holderPaymentCents;
        application.dueOn = null;
        steps.move(application, ApplicationState.PAID, By.scheduler(), FrenchFormat.euros(application.paidCents)
                + " payés à l'organisme");
        return true;
    }

    /** Handles batches until one comes back with nothing done, each application in its own transaction. */
    private static int each(java.util.function.Supplier<List<UUID>> batch,
            java.util.function.Predicate<UUID> handle) {
        int done = 0;
        while (true) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(batch::get);
            int before = done;
            for (UUID id : ids) {
                if (handle.test(id)) {
                    done++;
                }
            }
            if (ids.size() < BATCH || done == before) {
                return done;
            }
        }
    }
}
