package fr.cpa.enrolment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import fr.cpa.enrolment.domain.lifecycle.LedgerAnswers;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests;
import fr.cpa.platform.events.IncomingEvents;
import fr.cpa.platform.events.ledger.ApplicationToppedUp;
import fr.cpa.platform.events.ledger.FundsDebited;
import fr.cpa.platform.events.ledger.FundsReleased;
import fr.cpa.platform.events.ledger.FundsReservationRefused;
import fr.cpa.platform.events.ledger.FundsReserved;

/** The ledger's answers in the saga, and the top-ups funders make for applications. */
@ApplicationScoped
public class LedgerEvents {

    private final IncomingEvents incomingEvents;
    private final LedgerAnswers answers;
    private final TopUpRequests topUps;

    LedgerEvents(IncomingEvents incomingEvents, LedgerAnswers answers, TopUpRequests topUps) {
        this.incomingEvents = incomingEvents;
        this.answers = answers;
        this.topUps = topUps;
    }

    @Incoming("ledger-accounts")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        incomingEvents.consume(record, envelope -> {
            switch (envelope.type()) {
                case "FundsReserved" -> incomingEvents.applyOnce(IdentityEvents.CONSUMER, envelope,
                        FundsReserved.class, answers::reserved);
                case "FundsReservationRefused" -> incomingEvents.applyOnce(IdentityEvents.CONSUMER, envelope,
                        FundsReservationRefused.class, answers::refused);
                case "FundsDebited" -> incomingEvents.applyOnce(IdentityEvents.CONSUMER, envelope,
                        FundsDebited.class, answers::debited);
                case "FundsReleased" -> incomingEvents.applyOnce(IdentityEvents.CONSUMER, envelope,
                        FundsReleased.class, answers::released);
                case "ApplicationToppedUp" -> incomingEvents.applyOnce(IdentityEvents.CONSUMER, envelope,
                        ApplicationToppedUp.class, topUps::toppedUp);
                default -> {
                    // RightsCredited: balances are read from the ledger when needed.
                }
            }
        });
    }
}
