package fr.cpa.platform.events.ledger;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A funder topped up a person's CPF for one training application (abondement): the money is earmarked for that
 * application, spent first when it is paid, and goes back to the funder if it is not.
 *
 * @param funderClientId the funder's client, as its token names it
 * @param funderSiret the employer's SIRET when the funder is an employer (its token's), null otherwise
 * @param funderType EMPLOYER, OPCO, STATE, REGION, FRANCE_TRAVAIL, AGEFIPH, NON_SALARIED_FUND, CHAMBER_OF_TRADES,
 *            MUNICIPALITY or OTHER
 * @param amount euro cents
 */
public record ApplicationToppedUp(String personKey, UUID applicationId, UUID topUpId, String funderClientId,
        String funderSiret, String funderType, String funderName, long amount) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
