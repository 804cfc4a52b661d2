package fr.cpa.platform.events;

/**
 * A record that no retry can apply: its value is not an envelope, its payload does not fit its type, or its consumer
 * rejects what it says. {@link IncomingEvents#consume} does not retry it: the channel's failure strategy sends it to
 * the dead-letter topic at once.
 *
 * <p>The message names the record or the event, and the field at fault, never a value: it becomes the dead letter's
 * {@code dead-letter-reason} header and is logged. Hence no cause either: Jackson's messages quote the input.
 */
public class UnreadableEventException extends IllegalArgumentException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
