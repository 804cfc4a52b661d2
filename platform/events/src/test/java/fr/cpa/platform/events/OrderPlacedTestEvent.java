package fr.cpa.platform.events;

import java.time.LocalDate;
import java.util.List;

/** An event with a few kinds of components, for round trips. */
public record OrderPlacedTestEvent(String holderId, String reference, long amountCents, LocalDate trainingStart,
        List<String> skills) implements DomainEvent {

    @Override
    public String subjectKey() {
        return holderId;
    }
}
