package fr.cpa.platform.events.ledger;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The ledger could not hold an accepted application's funding plan, and holds nothing of it.
 *
 * @param reason INSUFFICIENT_FUNDS (the account's available balance is short), NOT_IN_EUROS (the account still counts
 *            hours), CPF_FROZEN (a full-rate pension or 67 years: the CPF cannot be used, the CEC can; L. 5151-2),
 *            INVALID_PLAN (negative amounts, or nothing to pay) or APPLICATION_SETTLED (the application was
 *            already completed or cancelled)
 * @param account CPF or CEC when the reason is about one account, else null
 */
public record FundsReservationRefused(String personKey, UUID applicationId, String reason, String account)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
