package fr.cpa.platform.events.identity;

import java.time.LocalDate;
import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A person activated their online space (e-mail validated): from now on the holder id and the person key name the
 * same person, so the ledger and the payslip vault attach what was waiting under the person key.
 *
 * @param status the holder's status after the event, {@code ACTIVE}
 */
public record HolderRegistered(UUID holderId, String personKey, LocalDate birthDate, String status)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
