package fr.cpa.enrolment.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import fr.cpa.enrolment.domain.lifecycle.LedgerAnswers;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.ledger.ApplicationToppedUp;
import fr.cpa.platform.events.ledger.FundsDebited;
import fr.cpa.platform.events.ledger.FundsReleased;
import fr.cpa.platform.events.ledger.FundsReservationRefused;
import fr.cpa.platform.events.ledger.FundsReserved;

/** The ledger's answers in the saga, and the top-ups funders make for applications. */
@ApplicationScoped
public class LedgerEvents {

    private final Intake intake;
    private final LedgerAnswers answers;
    private final TopUpRequests topUps;

    LedgerEvents(Intake intake, LedgerAnswers answers, TopUpRequests topUps) {
        this.intake = intake;
        this.answers = answers;
        this.topUps = topUps;
    }

    @Incoming("ledger-accounts")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = Intake.envelope(record);
        if (envelope == null) {
            return;
        }
        switch (envelope.type()) {
            case "FundsReserved" -> intake.once(envelope, FundsReserved.class, answers::reserved);
            case "FundsReservationRefused" -> intake.once(envelope, FundsReservationRefused.class, answers::refused);
            case "FundsDebited" -> intake.once(envelope, FundsDebited.class, answers::debited);
            case "FundsReleased" -> intake.once(envelope, FundsReleased.class, answers::released);
            case "ApplicationToppedUp" -> intake.once(envelope, ApplicationToppedUp.class, topUps::toppedUp);
            default -> {
                // RightsCredited: balances are read from the ledger when needed.
            }
        }
    }
}
