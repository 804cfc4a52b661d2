package fr.cpa.ledger.domain.rules;

import fr.cpa.platform.rules.RuleBook;

/**
 * What CPP points would buy in the uses that the pension fund grants, on one date, with the parameters read.
 *
 * @param points the points considered (those not reserved for training)
 * @param halfTimeMonths months of half time with kept pay (complément de rémunération), in whole blocks of points
 * @param earlyRetirementQuarters quarters of extra insurance duration (majoration de durée d'assurance)
 * @param reconversion whether a reconversion project is a use in force (from 1 September 2023)
 */
public record CppOtherUses(long points, long halfTimeMonths, RuleBook.DatedValue halfTimePointsPerBlock,
        RuleBook.DatedValue halfTimeMonthsPerBlock, long earlyRetirementQuarters,
        RuleBook.DatedValue earlyRetirementPointsPerQuarter, RuleBook.DatedValue earlyRetirementMaxPoints,
        boolean reconversion) {
}
