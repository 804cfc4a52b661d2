package fr.cpa.platform.events.ledger;

import java.time.LocalDate;
import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * Rights were credited to (or, for a correction, taken from) a person's account by a yearly accrual.
 *
 * @param account CPF, CEC or CPP
 * @param kind YEARLY_CREDIT, CORRECTION or CONVERSION_TO_EUROS
 * @param amount signed, in {@code unit} (MINUTES, EURO_CENTS, POINTS)
 * @param year the year of activity
 */
public record RightsCredited(String personKey, UUID entryId, String account, String kind, long amount, String unit,
        int year, LocalDate effectiveDate) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
