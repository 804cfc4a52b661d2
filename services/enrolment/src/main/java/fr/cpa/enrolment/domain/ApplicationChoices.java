package fr.cpa.enrolment.domain;

import java.util.List;

/**
 * What the holder chooses when applying: the working time, the rights they consent to use, and top-ups to ask for.
 *
 * @param cppPoints CPP points to convert into CPF euros for this training (0 for none)
 */
public record ApplicationChoices(WorkingTime workingTime, boolean useCpf, boolean useCec, int cppPoints,
        List<TopUpAsk> topUps) {

    public ApplicationChoices {
        topUps = List.copyOf(topUps);
    }

    /**
     * A top-up to ask of a funder: a funder's client id, or the holder's employer.
     *
     * @param employer true to ask the employer of the holder's profile (then {@code funderClient} is null)
     */
    public record TopUpAsk(String funderClient, boolean employer, long amountCents, String message) {
    }
}
