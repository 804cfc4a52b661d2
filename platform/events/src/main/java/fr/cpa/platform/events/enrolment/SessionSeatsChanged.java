package fr.cpa.platform.events.enrolment;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The seats of a catalogue session taken by confirmed applications changed. The numbers are absolute and
 * {@code version} grows with each change of the session, so a consumer keeps the highest version it saw and never
 * needs an earlier event. Published on {@code cpa.enrolment.sessions}, keyed by session id.
 *
 * @param capacity the seats the organisation offers, as the enrolment service last read them from the catalogue
 * @param booked the seats held by confirmed applications, never above capacity when booked
 */
public record SessionSeatsChanged(UUID sessionId, UUID offerId, int capacity, int booked, long version)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return sessionId.toString();
    }
}
