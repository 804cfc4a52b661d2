package fr.cpa.platform.events.enrolment;

import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The organisation declared the training done, with the attendance: the ledger debits what it holds prorated to
 * {@code attendedMinutes / plannedMinutes}, frees the rest, and answers {@code FundsDebited}.
 *
 * @param plannedMinutes the training's planned duration, positive
 * @param attendedMinutes what the holder attended, 0 to {@code plannedMinutes}
 */
public record TrainingCompleted(UUID applicationId, String personKey, long plannedMinutes, long attendedMinutes)
        implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
