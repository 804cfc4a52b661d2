package fr.cpa.enrolment.domain.funding;

import java.time.LocalDate;

/**
 * What the plan is computed for.
 *
 * @param priceCents the training's price
 * @param cecOnly a volunteers' training, which only CEC rights may pay (seeds 003)
 * @param useCpf whether the holder uses their CPF (their consent: refusing to use it is never a fault)
 * @param useCec whether the holder uses their CEC rights
 * @param cppPoints CPP points the holder converts into CPF euros for this training (0 for none)
 * @param cppConverted whether those points are already converted, their euros then being part of the free CPF
 * @param employmentStatus the holder's situation as identity last announced it (null when unknown)
 * @param on the day the plan is for (the contribution in force then)
 */
public record FundingRequest(long priceCents, boolean cecOnly, boolean useCpf, boolean useCec, int cppPoints,
        boolean cppConverted, String employmentStatus, LocalDate on) {
}
