package fr.cpa.platform.events;

/** An event of the retry tests: its effect fails on the first {@code failures} attempts. */
public record FlakyTestEvent(String runId, int failures) implements DomainEvent {

    @Override
    public String subjectKey() {
        return runId;
    }
}
