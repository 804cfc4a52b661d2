package fr.cpa.platform.events.ledger;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The ledger holds an accepted application's funding plan: the amounts are out of the holder's available balances
 * until the training is completed or the application cancelled.
 *
 * @param cpfAmount euro cents held on the CPF (the application's top-ups included)
 * @param cecAmount euro cents held on the CEC
 */
public record FundsReserved(String personKey, UUID applicationId, long cpfAmount, long cecAmount)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
