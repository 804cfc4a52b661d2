package fr.cpa.platform.events;

/**
 * An event whose effect failed on every attempt of {@link IncomingEvents#consume}: its record goes to the
 * dead-letter topic, with this message as {@code dead-letter-reason} and the last failure as {@code dead-letter-cause}.
 */
public class UnappliedEventException extends RuntimeException {

    UnappliedEventException(EventEnvelope event, int attempts, RuntimeException last) {
        super("Event " + event.id() + " (" + event.type() + " v" + event.version() + ") not applied after " + attempts
                + " attempts", last);
    }
}
