package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.cpa.platform.rules.RuleBook;

/**
 * The CPP: points per quarter of exposure (1 for one factor, 2 for several), a career ceiling (100 points, lifted on
 * 1 September 2023), and the use of points for training as CPF credit, respecting the points reserved for training.
 * Parameters are read on the first day of each quarter, so a factor removed on 1 October 2017 still counts in Q3 2017.
 */
public final class CppRules {

    private static final String RESERVED = "cpp-points-reserved-for-training";

    private final LedgerRuleBooks books;

    public CppRules(LedgerRuleBooks books) {
        this.books = books;
    }

    /**
     * The points of a year.
     *
     * @param exposures the year's exposures per quarter, all employers (merged by quarter)
     * @param careerPointsAcquired points acquired over the career before this year (used points included: the ceiling
     *        counts points ever acquired, not the balance)
     */
    public Credit yearCredit(int year, Holder holder, List<CppQuarterExposure> exposures, long careerPointsAcquired) {
        if (careerPointsAcquired < 0) {
            throw new IllegalArgumentException("career points must not be negative");
        }
        RuleBook cpp = books.cpp();
        CreditBuilder out = new CreditBuilder("cpp.points", year, Unit.POINTS);
        Map<Integer, Set<CppFactor>> quarters = CppQuarterExposure.byQuarter(year, exposures);
        out.input("year", year).input("exposures", quarters.toString()).input("birthDate", holder.birthDate())
                .input("retirementDate", holder.retirementDate()).input("deathDate", holder.deathDate())
                .input("careerPointsAcquired", careerPointsAcquired);
        if (AccountLife.closedBy(holder, CreditBuilder.endOfYear(year))) {
            return out.zero("compte clos au décès le " + Amounts.date(holder.deathDate()));
        }
        long total = careerPointsAcquired;
        long oneFactorQuarters = 0;
        long severalFactorsQuarters = 0;
        long retiredQuarters = 0;
        boolean capped = false;
        long lastCeiling = -1;
        long onePoints = 0;
        long severalPoints = 0;
        for (Map.Entry<Integer, Set<CppFactor>> q : quarters.entrySet()) {
            LocalDate first = CppQuarterExposure.of(year, q.getKey()).firstDay();
            long factors = 0;
            for (CppFactor f : q.getValue()) {
                Optional<RuleBook.DatedValue> inForce = CpfRules.inForce(cpp, f.parameter(), first);
                if (inForce.isPresent() && inForce.get().value() != 0) {
                    out.use(inForce.get());
                    factors++;
                }
            }
            if (factors == 0) {
                continue;
            }
            // The account closes at retirement: quarters starting on or after it earn nothing.
            if (AccountLife.retiredBy(holder, first)) {
                retiredQuarters++;
                continue;
            }
            long points;
            if (factors == 1) {
                onePoints = out.use(cpp.at("cpp-points-per-quarter-one-factor", first));
                points = onePoints;
                oneFactorQuarters++;
            } else {
                severalPoints = out.use(cpp.at("cpp-points-per-quarter-several-factors", first));
                points = severalPoints;
                severalFactorsQuarters++;
            }
            Optional<RuleBook.DatedValue> ceiling = CpfRules.inForce(cpp, "cpp-career-ceiling", first);
            if (ceiling.isPresent()) {
                lastCeiling = out.use(ceiling.get());
                if (total + points >= lastCeiling) {
                    // Cut to reach the ceiling exactly.
                    points = Math.max(0, lastCeiling - total);
                    capped = true;
                }
            }
            total += points;
        }
        long amount = total - careerPointsAcquired;
        List<String> reasons = new ArrayList<>();
        if (oneFactorQuarters > 0) {
            reasons.add(quarters(oneFactorQuarters) + " d'exposition à un facteur (" + Unit.POINTS.format(onePoints)
                    + " par trimestre)");
        }
        if (severalFactorsQuarters > 0) {
            reasons.add(quarters(severalFactorsQuarters) + " d'exposition à plusieurs facteurs ("
                    + Unit.POINTS.format(severalPoints) + " par trimestre)");
        }
        if (retiredQuarters > 0) {
            reasons.add(quarters(retiredQuarters) + " après la retraite du " + Amounts.date(holder.retirementDate())
                    + ", sans points");
        }
        if (reasons.isEmpty()) {
            reasons.add("aucune exposition déclarée au-delà des seuils");
        }
        if (capped) {
            reasons.add("plafond de carrière " + Unit.POINTS.format(lastCeiling) + " atteint");
        }
        return out.credit(amount, reasons);
    }

    /** The most points a career can acquire on the date; empty since the ceiling was lifted (1 September 2023). */
    public Optional<RuleBook.DatedValue> careerCeiling(LocalDate date) {
        return CpfRules.inForce(books.cpp(), "cpp-career-ceiling", date);
    }

    /** The day the career ceiling was lifted (1 September 2023), when the date is on or after it. */
    public Optional<LocalDate> careerCeilingLiftedOn(LocalDate date) {
        return books.cpp().parameter("cpp-career-ceiling").endedOn(date);
    }

    /** What one point used for training puts on the CPF on that date, in euro cents; empty while it was in hours. */
    public Optional<RuleBook.DatedValue> trainingPointValueInEuros(LocalDate date) {
        return CpfRules.inForce(books.cpp(), "cpp-training-point-value-eurocents", date);
    }

    /** Points reserved for training for a holder born on that date (the parameter's dates are birth dates). */
    public RuleBook.DatedValue reservedForTraining(LocalDate birthDate) {
        return books.cpp().at(RESERVED, birthDate);
    }

    /**
     * Points that may go to uses other than training (part-time with kept pay, early retirement): the balance minus the
     * reserved points not yet used for training.
     */
    public long pointsAvailableForOtherUses(long balance, long pointsUsedForTraining, LocalDate birthDate) {
        long stillReserved = Math.max(0, reservedForTraining(birthDate).value() - pointsUsedForTraining);
        return Math.max(0, balance - stillReserved);
    }

    /**
     * Points used for training, credited to the CPF. Training may use any point, reserved or not; the result says how
     * many reserved points remain.
     *
     * @param pointsUsedForTraining points of the career already used for training (they count toward the reserve)
     */
    public CppToCpfConversion convertToCpf(long points, long balance, long pointsUsedForTraining, LocalDate birthDate,
            LocalDate date) {
        if (points <= 0 || points > balance || pointsUsedForTraining < 0) {
            throw new IllegalArgumentException("points to convert must be positive and within the balance");
        }
        RuleBook cpp = books.cpp();
        Optional<RuleBook.DatedValue> euros = trainingPointValueInEuros(date);
        RuleBook.DatedValue value = euros.orElseGet(() -> cpp.at("cpp-training-point-value-minutes", date));
        Unit unit = euros.isPresent() ? Unit.EURO_CENTS : Unit.MINUTES;
        long amount = Math.multiplyExact(points, value.value());
        RuleBook.DatedValue reserved = reservedForTraining(birthDate);
        long stillReserved = Math.max(0, reserved.value() - pointsUsedForTraining);
        long remaining = Math.max(0, stillReserved - points);
        String explanation = Unit.POINTS.format(points) + " du CPP utilisés pour la formation : "
                + unit.format(amount) + " sur le CPF le " + Amounts.date(date) + " (1 point = "
                + unit.format(value.value()) + ")" + (reserved.value() == 0
                        ? ", aucun point réservé à la formation"
                        : ", " + Unit.POINTS.format(remaining) + " sur " + Unit.POINTS.format(reserved.value())
                                + " réservés à la formation restent à utiliser");
        return new CppToCpfConversion(points, amount, unit, date, value, reserved, remaining, explanation);
    }

    private static String quarters(long n) {
        return n + (n > 1 ? " trimestres" : " trimestre");
    }
}
