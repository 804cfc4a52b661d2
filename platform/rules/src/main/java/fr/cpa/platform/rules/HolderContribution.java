package fr.cpa.platform.rules;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The holder's flat contribution to each training bought with their account (participation obligatoire, L. 6323-4),
 * from {@code rules/holder-contribution.json}: one reading for the enrolment flow, which plans and collects it, and
 * the ledger, which shows what a training would cost the holder. Who is exempt depends on the application (job
 * seekers, employer co-funding, CPP points used) and is the enrolment flow's to decide.
 */
public final class HolderContribution {

    private static final RuleBook BOOK = RuleBook.load("rules/holder-contribution.json");

    private HolderContribution() {
    }

    /** The contribution in force that day; empty before 2 May 2024. */
    public static Optional<RuleBook.DatedValue> inForce(LocalDate on) {
        return BOOK.parameter("holder-contribution").at(on);
    }
}
