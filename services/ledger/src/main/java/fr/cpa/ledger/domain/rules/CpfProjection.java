package fr.cpa.ledger.domain.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Projects the CPF earned balance year by year under assumptions (status, working time), with the same formulas as
 * the yearly credit, for the holder's simulation. Years are those the rule books know: a projection beyond the last
 * dated value uses the figures in force today, which is the honest "at constant law" projection.
 */
public final class CpfProjection {

    /**
     * What the holder assumes for a year.
     *
     * @param workingTimePercent working time as a whole percentage of the legal full-time duration (100 = full time,
     *        50 = half time); worked minutes are rounded half up to the minute
     */
    public record Assumptions(Population population, int workingTimePercent, boolean lowQualified, boolean categoryC) {

        public Assumptions {
            Objects.requireNonNull(population, "population");
            if (workingTimePercent < 0 || workingTimePercent > Amounts.PERCENT) {
                throw new IllegalArgumentException("working time is a percentage from 0 to 100");
            }
        }

        public static Assumptions of(Population population, int workingTimePercent) {
            return new Assumptions(population, workingTimePercent, false, false);
        }
    }

    /**
     * One projected year.
     *
     * @param conversion the hours-to-euros conversion applied to the balance before this year's credit, or null
     * @param balanceAfter the earned balance after the year's credit, in {@code unit}
     */
    public record ProjectedYear(int year, Credit credit, HoursConversion conversion, long balanceAfter, Unit unit) {
    }

    private final CpfRules cpf;
    private final CpfConversion conversion;

    public CpfProjection(LedgerRuleBooks books) {
        this.cpf = new CpfRules(books);
        this.conversion = new CpfConversion(books);
    }

    public List<ProjectedYear> project(Holder holder, int fromYear, int toYear, long earnedBalance, Assumptions same) {
        return project(holder, fromYear, toYear, earnedBalance, year -> same);
    }

    /**
     * @param earnedBalance the earned balance before {@code fromYear}'s credit, in the unit of {@code fromYear}'s rule
     * @param assumptions the assumptions of each year
     */
    public List<ProjectedYear> project(Holder holder, int fromYear, int toYear, long earnedBalance,
            IntFunction<Assumptions> assumptions) {
        if (toYear < fromYear || earnedBalance < 0) {
            throw new IllegalArgumentException("a projection runs forward from a non-negative balance");
        }
        List<ProjectedYear> years = new ArrayList<>();
        long balance = earnedBalance;
        Unit unit = cpf.unitFor(fromYear, assumptions.apply(fromYear).population());
        for (int year = fromYear; year <= toYear; year++) {
            Assumptions a = assumptions.apply(year);
            Unit yearUnit = cpf.unitFor(year, a.population());
            HoursConversion converted = null;
            if (unit != yearUnit) {
                if (unit != Unit.MINUTES) {
                    // Euros back to hours (private to public service) follows other rules, not projected here.
                    throw new IllegalArgumentException("cannot project a move from euros to hours in " + year);
                }
                converted = conversion.convert(HoursConversion.Kind.CPF_HOURS, balance);
                balance = converted.centsIn();
                unit = yearUnit;
            }
            long worked = Amounts.mulDivHalfUp(cpf.legalYearlyDuration(year).value(), a.workingTimePercent(),
                    Amounts.PERCENT);
            Credit credit = cpf.credit(CpfYearInput.of(year, a.population(), holder).withWorkedMinutes(worked)
                    .withLowQualified(a.lowQualified()).withCategoryC(a.categoryC()).withEarnedBalance(balance));
            balance += credit.amount();
            years.add(new ProjectedYear(year, credit, converted, balance, unit));
        }
        return years;
    }
}
