package fr.cpa.platform.events.enrolment;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The application ended without training: cancelled, or refused. The ledger frees whatever it holds for it, returns
 * the application's top-ups to their funders, and answers {@code FundsReleased}.
 *
 * @param cause HOLDER_CANCELLED, ORGANISATION_CANCELLED, FUNDER_CANCELLED, ORGANISATION_REFUSED or EMPLOYER_REFUSED
 *            (the employer refused a training in working time)
 */
public record ApplicationCancelled(UUID applicationId, String personKey, String cause) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
