package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;

import fr.cpa.platform.rules.RuleBook;

/**
 * CPP points used for training, credited to the CPF: a linked pair of journal entries, points out of the CPP and the
 * amount into the CPF, written together (the journal links them).
 *
 * @param pointsOut points debited from the CPP
 * @param amountIn amount credited to the CPF, in {@code unitIn}
 * @param unitIn euro cents since 2019, minutes before
 * @param date the conversion date
 * @param pointValue the value of one point used, with its source
 * @param reservedForTraining the points reserved for training for this holder's birth date, with its source
 * @param reservedRemainingAfter reserved points still to be used for training after this conversion
 * @param explanation plain French
 */
public record CppToCpfConversion(long pointsOut, long amountIn, Unit unitIn, LocalDate date,
        RuleBook.DatedValue pointValue, RuleBook.DatedValue reservedForTraining, long reservedRemainingAfter,
        String explanation) {
}
