package fr.cpa.platform.events.ledger;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A cancelled or refused application's holds are free again (zero when nothing was held). Amounts in euro cents.
 *
 * @param topUpsReturned the application's top-ups, taken back to their funders
 */
public record FundsReleased(String personKey, UUID applicationId, long cpfAmount, long cecAmount,
        long topUpsReturned) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
