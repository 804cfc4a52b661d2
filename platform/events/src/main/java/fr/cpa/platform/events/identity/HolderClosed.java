package fr.cpa.platform.events.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * An online space closed, or a person died. A holder's own closure only ends the login: the rights belong to the
 * person and stay. A death ({@code reason = DEATH}) closes the accounts from {@code dateOfDeath}; it is announced by
 * person key even when the person never registered ({@code holderId} is then null).
 *
 * @param reason HOLDER_REQUEST or DEATH
 */
public record HolderClosed(UUID holderId, String personKey, String reason, Instant closedAt, LocalDate dateOfDeath)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
