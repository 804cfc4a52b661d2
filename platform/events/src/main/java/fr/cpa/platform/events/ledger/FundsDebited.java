package fr.cpa.platform.events.ledger;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A completed training was paid from what the ledger held for it (prorated to attendance); the rest is free again.
 * Amounts in euro cents.
 *
 * @param cpfAmount debited from the CPF, of which {@code topUpsSpent} came from the application's top-ups
 * @param cecAmount debited from the CEC
 * @param topUpsReturned the unspent part of the application's top-ups, taken back to their funders
 */
public record FundsDebited(String personKey, UUID applicationId, long cpfAmount, long cecAmount, long topUpsSpent,
        long topUpsReturned) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
