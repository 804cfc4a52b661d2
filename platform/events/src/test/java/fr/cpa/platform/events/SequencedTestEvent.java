package fr.cpa.platform.events;

/** An event of the ordering tests: the n-th event of one key within one test run. */
public record SequencedTestEvent(String runId, String key, int sequence) implements DomainEvent {

    @Override
    public String subjectKey() {
        return key;
    }
}
