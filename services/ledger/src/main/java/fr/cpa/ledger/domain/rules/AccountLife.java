package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import fr.cpa.platform.rules.RuleBook;

/**
 * When an account is open and accruing in a year: opens at 16 (15 with an apprenticeship contract), closes at death,
 * and (CPF, CPP) stops accruing when all retirement rights are claimed. Seeds 003: "toutes les personnes de 16 ans et
 * plus sont titulaires", "par dérogation, les jeunes de 15 ans, ayant signé un contrat d'apprentissage", "le CPF est
 * fermé à la date du décès", "cesse d'être alimenté" from retirement "sauf ... activités bénévoles ou de volontariat".
 */
final class AccountLife {

    private final RuleBook accounts;

    AccountLife(RuleBook accounts) {
        this.accounts = accounts;
    }

    /** The opening-age parameter for this holder, read at the start of the period (as OpenFisca reads a year). */
    RuleBook.DatedValue openingAge(Holder holder, LocalDate periodStart) {
        return accounts.at(holder.apprentice() ? "account-opening-age-apprentice" : "account-opening-age", periodStart);
    }

    LocalDate openingDate(Holder holder, LocalDate periodStart) {
        return holder.birthDate().plusYears(openingAge(holder, periodStart).value());
    }

    /** Closed at death: a credit whose effective date is on or after the death is not given. */
    static boolean closedBy(Holder holder, LocalDate effectiveDate) {
        return holder.deathDate() != null && !holder.deathDate().isAfter(effectiveDate);
    }

    static boolean retiredBy(Holder holder, LocalDate date) {
        return holder.retirementDate() != null && !holder.retirementDate().isAfter(date);
    }

    /**
     * The days of the year during which the account accrues (from the opening date, up to the day before retirement
     * when {@code stopsAtRetirement}); zero when none.
     */
    long accruingDays(Holder holder, int year, boolean stopsAtRetirement) {
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = start.plusYears(1);
        LocalDate from = max(start, openingDate(holder, start));
        LocalDate until = stopsAtRetirement && holder.retirementDate() != null ? min(end, holder.retirementDate()) : end;
        return from.isBefore(until) ? ChronoUnit.DAYS.between(from, until) : 0;
    }

    static long daysInYear(int year) {
        return LocalDate.of(year, 1, 1).lengthOfYear();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
