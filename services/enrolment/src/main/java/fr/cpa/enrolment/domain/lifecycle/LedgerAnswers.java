package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.events.ledger.FundsDebited;
import fr.cpa.platform.events.ledger.FundsReleased;
import fr.cpa.platform.events.ledger.FundsReservationRefused;
import fr.cpa.platform.events.ledger.FundsReserved;
import fr.cpa.platform.rules.FrenchFormat;

/**
 * The ledger's answers in the saga. Each is applied once per event (the consumer records the event ids) and only in
 * the state that waits for it, so a late or repeated answer changes nothing; amounts are recorded as the ledger
 * reports them.
 */
@ApplicationScoped
public class LedgerAnswers {

    private static final Logger LOG = Logger.getLogger(LedgerAnswers.class);

    private final Clock clock;
    private final Steps steps;
    private final HolderSteps holderSteps;

    LedgerAnswers(Clock clock, Steps steps, HolderSteps holderSteps) {
        this.clock = clock;
        this.steps = steps;
        this.holderSteps = holderSteps;
    }

    @Transactional(TxType.MANDATORY)
    public void reserved(FundsReserved reserved) {
        TrainingApplication application = find(reserved.applicationId(), "FundsReserved");
        if (application == null || application.state != ApplicationState.PAYMENT_PENDING) {
            return;
        }
        application.reservedCpfCents = reserved.cpfAmount();
        application.reservedCecCents = reserved.cecAmount();
        holderSteps.fundsHeld(application, By.ledger(), "droits réservés : "
                + FrenchFormat.euros(reserved.cpfAmount() + reserved.cecAmount()));
    }

    @Transactional(TxType.MANDATORY)
    public void refused(FundsReservationRefused refused) {
        TrainingApplication application = find(refused.applicationId(), "FundsReservationRefused");
        if (application == null || application.state != ApplicationState.PAYMENT_PENDING) {
            return;
        }
        application.paymentRefusal = refused.reason();
        application.holderPaymentCents = 0;
        application.contributionCents = 0;
        steps.move(application, ApplicationState.PAYMENT_REFUSED, By.ledger(), "paiement refusé : "
                + refusal(refused.reason(), refused.account()) + " ; vous pouvez confirmer de nouveau jusqu'au "
                + FrenchFormat.date(application.dueOn));
    }

    /** A completed training was paid, or a forfeited reservation debited. */
    @Transactional(TxType.MANDATORY)
    public void debited(FundsDebited debited) {
        TrainingApplication application = find(debited.applicationId(), "FundsDebited");
        if (application == null || application.debitedCpfCents + application.debitedCecCents > 0) {
            return;
        }
        application.debitedCpfCents = debited.cpfAmount();
        application.debitedCecCents = debited.cecAmount();
        application.topUpsReturnedCents = debited.topUpsReturned();
        if (application.state == ApplicationState.COMPLETED) {
            LocalDate today = LocalDate.now(clock);
            application.validatedOn = today;
            application.dueOn = EnrolmentRules.paymentDue(today);
            steps.move(application, ApplicationState.SERVICE_VALIDATED, By.ledger(), "service fait validé : "
                    + FrenchFormat.euros(debited.cpfAmount() + debited.cecAmount()) + " débités de vos droits");
        }
    }

    @Transactional(TxType.MANDATORY)
    public void released(FundsReleased released) {
        TrainingApplication application = find(released.applicationId(), "FundsReleased");
        if (application == null) {
            return;
        }
        application.releasedCpfCents = released.cpfAmount();
        application.releasedCecCents = released.cecAmount();
        application.topUpsReturnedCents = released.topUpsReturned();
    }

    private static TrainingApplication find(java.util.UUID id, String event) {
        TrainingApplication application = TrainingApplication.lock(id).orElse(null);
        if (application == null) {
            LOG.debugf("%s for application %s, not one of ours", event, id);
        }
        return application;
    }

    private static String refusal(String reason, String account) {
        String which = account == null ? "" : " (" + account + ")";
        return switch (reason) {
            case "INSUFFICIENT_FUNDS" -> "solde insuffisant" + which;
            case "NOT_IN_EUROS" -> "compte encore en heures" + which;
            case "CPF_FROZEN" -> "CPF gelé à la retraite à taux plein ou à 67 ans, le CEC reste utilisable (L. 5151-2)";
            case "APPLICATION_SETTLED" -> "dossier déjà soldé";
            default -> "plan de financement refusé (" + reason + ")";
        };
    }
}
