package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.cpa.platform.rules.RuleBook;

/**
 * The CEC credit: a fixed credit per qualifying activity and year ("20 heures par an et par nature d'activité, dans la
 * limite d'un plafond de 60 heures", travail-emploi.gouv.fr fiche CEC), in hours for 2017–2018 and euros from 2019.
 * Unlike the CPF it still accrues after retirement (seeds 003).
 *
 * <p>Several activities in a year: one credit per kind of activity, in the order declared, each cut so that the
 * running earned balance reaches the ceiling exactly. Several declarations of the same kind make one credit,
 * earned when any of them meets the minimum (each declarer reports the whole year; durations are not added).
 */
public final class CecRules {

    private static final String HOURS_CREDIT = "cec-hours-credit";
    private static final String EUROS_CREDIT = "cec-euros-credit";

    private final LedgerRuleBooks books;
    private final AccountLife life;

    public CecRules(LedgerRuleBooks books) {
        this.books = books;
        this.life = new AccountLife(books.accounts());
    }

    /** The unit of the year's CEC credit and of the earned CEC balance the caller passes. */
    public Unit unitFor(int year) {
        return CpfRules.inForce(books.cec(), EUROS_CREDIT, LocalDate.of(year, 1, 1)).isPresent()
                ? Unit.EURO_CENTS : Unit.MINUTES;
    }

    /** The ceiling of the earned CEC balance in force in the year, in {@link #unitFor}'s unit, if any. */
    public Optional<RuleBook.DatedValue> ceiling(int year) {
        return CpfRules.inForce(books.cec(), unitFor(year) == Unit.EURO_CENTS ? "cec-euros-ceiling" : "cec-hours-ceiling",
                LocalDate.of(year, 1, 1));
    }

    /**
     * One credit per kind of activity declared (zero when the minimum is not met or the ceiling is reached).
     *
     * @param earnedBalance the CEC earned balance before this year's credits, in {@link #unitFor}'s unit
     */
    public List<Credit> credits(int year, Holder holder, List<CecActivityDeclaration> declarations, long earnedBalance) {
        if (earnedBalance < 0) {
            throw new IllegalArgumentException("earned balance must not be negative");
        }
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate effective = CreditBuilder.endOfYear(year);
        Unit unit = unitFor(year);
        boolean euros = unit == Unit.EURO_CENTS;
        RuleBook cec = books.cec();
        Optional<RuleBook.DatedValue> credit = CpfRules.inForce(cec, euros ? EUROS_CREDIT : HOURS_CREDIT, start);

        // In the order given: a caller re-computing a year lists first the kinds it already credited, so that a kind
        // declared later cannot take their place under the ceiling.
        Map<CecActivity, CecActivityDeclaration> best = new LinkedHashMap<>();
        for (CecActivityDeclaration d : declarations) {
            best.merge(d.activity(), d, (a, b) -> qualifies(a, start) || !qualifies(b, start) && a.measure() >= b.measure() ? a : b);
        }

        List<Credit> credits = new ArrayList<>();
        long balance = earnedBalance;
        for (CecActivityDeclaration d : best.values()) {
            CreditBuilder out = new CreditBuilder(euros ? "cec.euros" : "cec.hours", year, unit);
            out.input("year", year).input("activity", d.activity()).input("measure", d.measure())
                    .input("secondMeasure", d.secondMeasure()).input("birthDate", holder.birthDate())
                    .input("apprentice", holder.apprentice()).input("deathDate", holder.deathDate())
                    .input("earnedBalance", balance);
            String label = d.activity().label();
            if (credit.isEmpty()) {
                credits.add(out.rule("cec").zero("aucune règle CEC en vigueur en " + year));
                continue;
            }
            if (AccountLife.closedBy(holder, effective)) {
                credits.add(out.zero("compte clos au décès le " + Amounts.date(holder.deathDate())));
                continue;
            }
            RuleBook.DatedValue age = life.openingAge(holder, start);
            LocalDate opening = holder.birthDate().plusYears(age.value());
            if (opening.isAfter(effective)) {
                out.use(age);
                credits.add(out.zero("compte ouvert le " + Amounts.date(opening) + " (" + age.value() + " ans)"));
                continue;
            }
            List<String> reasons = new ArrayList<>();
            reasons.add(label);
            long minimum = out.use(cec.at(d.activity().minimumParameter(), start));
            boolean met = d.measure() >= minimum;
            String measured = d.activity().measure().format(d.measure()) + " (minimum "
                    + d.activity().measure().format(minimum) + ")";
            if (d.activity().secondMinimumParameter() != null) {
                long second = out.use(cec.at(d.activity().secondMinimumParameter(), start));
                met &= d.secondMeasure() >= second;
                measured += ", " + d.activity().secondMeasure().format(d.secondMeasure()) + " (minimum "
                        + d.activity().secondMeasure().format(second) + ")";
            }
            reasons.add(measured);
            long amount = out.cite(credit.get());
            long ceiling = out.use(cec.at(euros ? "cec-euros-ceiling" : "cec-hours-ceiling", start));
            String ceilingText = "plafond " + unit.format(ceiling);
            if (!met) {
                reasons.add("durée minimale non atteinte");
                amount = 0;
            } else if (balance >= ceiling) {
                reasons.add(ceilingText + " déjà atteint");
                amount = 0;
            } else if (balance + amount >= ceiling) {
                amount = ceiling - balance;
                reasons.add(ceilingText + " atteint");
            } else {
                reasons.add(ceilingText);
            }
            balance += amount;
            credits.add(out.credit(amount, reasons));
        }
        return credits;
    }

    private boolean qualifies(CecActivityDeclaration d, LocalDate start) {
        RuleBook cec = books.cec();
        Optional<RuleBook.DatedValue> min = CpfRules.inForce(cec, d.activity().minimumParameter(), start);
        if (min.isEmpty() || d.measure() < min.get().value()) {
            return false;
        }
        String second = d.activity().secondMinimumParameter();
        return second == null || CpfRules.inForce(cec, second, start).map(v -> d.secondMeasure() >= v.value()).orElse(false);
    }
}
