package fr.cpa.ledger.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.ledger.domain.rules.CpfProjection;
import fr.cpa.ledger.domain.rules.CpfRules;
import fr.cpa.ledger.domain.rules.Holder;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.rules.RuleBook;

/**
 * The CPF year by year under the holder's assumptions, from the earned balance today (top-ups left out), with the
 * yearly credit's own formulas and ceilings: {@link CpfProjection}, at constant law after the last dated value.
 */
@ApplicationScoped
public class Simulations {

    /** One projected year: its credit (already cut at the ceiling) and the earned balance after it. */
    public record Year(int year, long credit, long balanceAfter, String unit, Long ceiling, String explanation,
            String conversion) {
    }

    public record Simulation(int from, int until, long startingEarnedBalance, String startingUnit, List<Year> years) {
    }

    /** Why a simulation cannot be made under these assumptions. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Outlooks outlooks;
    private final CpfProjection projection;
    private final CpfRules cpfRules;

    Simulations(Outlooks outlooks) {
        this.outlooks = outlooks;
        LedgerRuleBooks books = LedgerRuleBooks.load();
        this.projection = new CpfProjection(books);
        this.cpfRules = new CpfRules(books);
    }

    /** Projects the CPF from the current year's activity (credited early next year) to {@code until}. */
    public Simulation simulate(Outlooks.AccountState cpf, CpfProjection.Assumptions assumptions, LocalDate today,
            int until) {
        if (cpf.birthDate() == null) {
            throw new Refused("Your birth date is not known yet: the account's opening cannot be checked.");
        }
        Holder holder = Holder.bornOn(cpf.birthDate());
        if (cpf.closedOn() != null) {
            holder = holder.diedOn(cpf.closedOn());
        }
        int from = today.getYear();
        Unit startUnit = cpfRules.unitFor(from, assumptions.population());
        Optional<Long> earned = outlooks.earnedIn(cpf, startUnit);
        if (earned.isEmpty()) {
            throw new Refused("Your CPF is in euros; the rules of this status count hours, which this simulation "
                    + "cannot convert back.");
        }
        List<Year> years = projection.project(holder, from, until, earned.get(), assumptions).stream().map(y -> {
            Optional<RuleBook.DatedValue> ceiling = cpfRules.ceiling(y.year(), assumptions.population(),
                    assumptions.lowQualified(), assumptions.categoryC());
            return new Year(y.year(), y.credit().amount(), y.balanceAfter(), y.unit().name(),
                    ceiling.map(RuleBook.DatedValue::value).orElse(null), y.credit().explanation(),
                    y.conversion() == null ? null : y.conversion().explanation());
        }).toList();
        return new Simulation(from, until, earned.get(), startUnit.name(), years);
    }
}
