package fr.cpa.platform.events.enrolment;

import java.util.Set;
import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * The application ended without training: cancelled, refused or expired. The ledger frees whatever it holds for it,
 * returns the application's top-ups to their funders, and answers {@code FundsReleased} — except for the two causes
 * that forfeit the reservation, where it debits the whole amount held and answers {@code FundsDebited}.
 *
 * @param cause HOLDER_CANCELLED, ORGANISATION_CANCELLED, FUNDER_CANCELLED, ORGANISATION_REFUSED, EMPLOYER_REFUSED (the
 *            employer refused a training in working time), EXPIRED (a deadline passed without an answer); forfeiting:
 *            HOLDER_CANCELLED_LATE (the holder cancelled 7 working days or less before the start, without force
 *            majeure) and HOLDER_NO_SHOW (the holder did not come, without force majeure)
 */
public record ApplicationCancelled(UUID applicationId, String personKey, String cause) implements DomainEvent {

    /** The causes that forfeit the rights held (rules.md, "Training application lifecycle"). */
    public static final Set<String> FORFEITING = Set.of("HOLDER_CANCELLED_LATE", "HOLDER_NO_SHOW");

    /** Whether the ledger debits what it holds instead of freeing it. */
    public boolean forfeits() {
        return FORFEITING.contains(cause);
    }

    @Override
    public String subjectKey() {
        return personKey;
    }
}
