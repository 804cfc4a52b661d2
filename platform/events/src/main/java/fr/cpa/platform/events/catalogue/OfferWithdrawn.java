package fr.cpa.platform.events.catalogue;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/** A training organisation withdrew an offer: no new application may be made to its sessions. */
public record OfferWithdrawn(UUID offerId, int revision, String organisationSiret, String certificationCode)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return offerId.toString();
    }
}
