package fr.cpa.platform.events;

/**
 * Implemented by the record of each event type, so that the envelope takes its type, version and subject key
 * from the event itself. The record's components are the payload.
 *
 * <p>Adding an optional component keeps the version (consumers ignore unknown fields); removing, renaming or
 * changing the meaning of one is a new version: a new record that overrides {@link #eventType()} to keep the
 * type name and {@link #eventVersion()} to return the next number.
 */
public interface DomainEvent {

    /** The person key or holder id the event is about: the Kafka key, so one person's events stay in order. */
    String subjectKey();

    default String eventType() {
        return getClass().getSimpleName();
    }

    default int eventVersion() {
        return 1;
    }
}
