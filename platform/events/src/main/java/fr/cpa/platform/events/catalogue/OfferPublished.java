package fr.cpa.platform.events.catalogue;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A training organisation published an offer, or changed a published one: consumers keep the highest revision.
 *
 * @param organisationSiret the organisation giving the training
 * @param certificationCode the certification it leads to (RNCP… or RS…)
 */
public record OfferPublished(UUID offerId, int revision, String organisationSiret, String certificationCode,
        String title) implements DomainEvent {

    @Override
    public String subjectKey() {
        return offerId.toString();
    }
}
