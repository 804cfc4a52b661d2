package fr.cpa.platform.events.enrolment;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The holder accepted the training organisation's proposal (confirmed the application): the ledger holds the funding
 * plan's amounts, all or none, and answers {@code FundsReserved} or {@code FundsReservationRefused}.
 *
 * @param fundingPlan what the holder's accounts pay
 */
public record ApplicationAccepted(UUID applicationId, String personKey, FundingPlan fundingPlan)
        implements DomainEvent {

    /**
     * The part of the price paid from each of the holder's accounts, in euro cents (zero when an account pays
     * nothing). {@code cpfAmount} includes the top-ups funders made for this application (each top-up names the
     * application): the ledger finds them by application id and spends them first.
     */
    public record FundingPlan(long cpfAmount, long cecAmount) {
    }

    @Override
    public String subjectKey() {
        return personKey;
    }
}
