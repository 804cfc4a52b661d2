package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;

import fr.cpa.platform.rules.RuleBook;

/**
 * Since when a CPF neither accrues nor can be used (L. 5151-2).
 *
 * @param from the day of the full-rate pension, or the day the age limit applies
 * @param reason in French, for explanations ("67 ans le 03/05/2025")
 * @param age the age-limit parameter when the age froze it, else null
 */
public record CpfFreeze(LocalDate from, String reason, RuleBook.DatedValue age) {
}
