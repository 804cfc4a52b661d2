package fr.cpa.platform.events.enrolment;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A holder sent a training application to an organisation (demande d'inscription). Nothing is held yet: the ledger
 * holds funds only once the holder confirms ({@link ApplicationAccepted}); a funder may already top the application
 * up, naming its id.
 *
 * @param sessionId the catalogue's session the holder applies for
 * @param organisationSiret the training organisation that must answer
 * @param priceCents the session's price when applied for, in euro cents
 */
public record ApplicationSubmitted(UUID applicationId, String personKey, UUID offerId, UUID sessionId,
        String organisationSiret, long priceCents) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
