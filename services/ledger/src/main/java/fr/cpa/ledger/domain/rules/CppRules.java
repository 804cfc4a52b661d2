package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.cpa.platform.rules.RuleBook;

/**
 * The CPP: points per quarter of exposure, a career ceiling (100 points, lifted on 1 September 2023), and the uses of
 * the points (training as CPF credit, respecting the points reserved for training; half time with kept pay, early
 * retirement and, from 1 September 2023, a reconversion project, which the pension fund grants).
 *
 * <p>Until 31 August 2023 a quarter earns 1 point for one factor and 2 for several; from 1 September 2023, 1 point per
 * factor (R. 4163-9, décrets 2023-759 and 2023-760). Points are doubled for people born before 1 July 1956. Parameters
 * are read on the first day of each quarter, so a factor removed on 1 October 2017 still counts in Q3 2017, and 2023
 * takes the old rule for Q1–Q3 and the new one for Q4.
 */
public final class CppRules {

    private static final String RESERVED = "cpp-points-reserved-for-training";
    private static final String MULTIPLIER = "cpp-points-multiplier-by-birth-date";
    private static final String PER_FACTOR = "cpp-points-per-quarter-per-factor";

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
        RuleBook.DatedValue multiplier = cpp.at(MULTIPLIER, holder.birthDate());
        long total = careerPointsAcquired;
        // Quarters by what they earned under the rule of their first day, in the order met, for the explanation.
        Map<String, Long> earned = new LinkedHashMap<>();
        long retiredQuarters = 0;
        boolean capped = false;
        long lastCeiling = -1;
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
            String how;
            Optional<RuleBook.DatedValue> perFactor = CpfRules.inForce(cpp, PER_FACTOR, first);
            if (perFactor.isPresent()) {
                long each = out.cite(perFactor.get());
                points = Math.multiplyExact(factors, each);
                how = "exposition à " + factors + (factors > 1 ? " facteurs" : " facteur") + " ("
                        + Unit.POINTS.format(each) + " par facteur et par trimestre)";
            } else if (factors == 1) {
                points = out.cite(cpp.at("cpp-points-per-quarter-one-factor", first));
                how = "exposition à un facteur (" + Unit.POINTS.format(points) + " par trimestre)";
            } else {
                points = out.cite(cpp.at("cpp-points-per-quarter-several-factors", first));
                how = "exposition à plusieurs facteurs (" + Unit.POINTS.format(points) + " par trimestre)";
            }
            if (multiplier.value() != 1) {
                points = Math.multiplyExact(points, out.cite(multiplier));
            }
            earned.merge(how, 1L, Long::sum);
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
        earned.forEach((how, n) -> reasons.add(quarters(n) + " d'" + how));
        if (!earned.isEmpty() && multiplier.value() != 1) {
            cpp.parameter(MULTIPLIER).values().stream().map(RuleBook.DatedValue::from)
                    .filter(from -> from.isAfter(holder.birthDate())).findFirst()
                    .ifPresentOrElse(until -> reasons.add("points multipliés par " + multiplier.value()
                            + " (personne née avant le " + Amounts.date(until) + ")"),
                            () -> reasons.add("points multipliés par " + multiplier.value()));
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

    /**
     * What points buy, on the date, in the uses the pension fund grants (not this ledger): months of half time with
     * kept pay, quarters of early retirement (at most {@code cpp-early-retirement-max-points} over a career), and
     * whether a reconversion project is open.
     */
    public CppOtherUses otherUses(long points, LocalDate date) {
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
        RuleBook cpp = books.cpp();
        RuleBook.DatedValue halfTimeBlock = cpp.at("cpp-half-time-points-per-block", date);
        RuleBook.DatedValue halfTimeMonths = cpp.at("cpp-half-time-months-per-block", date);
        RuleBook.DatedValue retirementQuarter = cpp.at("cpp-early-retirement-points-per-quarter", date);
        RuleBook.DatedValue retirementMax = cpp.at("cpp-early-retirement-max-points", date);
        boolean reconversion = CpfRules.inForce(cpp, "cpp-use-reconversion", date).map(v -> v.value() != 0)
                .orElse(false);
        long months = points / halfTimeBlock.value() * halfTimeMonths.value();
        long quarters = Math.min(points, retirementMax.value()) / retirementQuarter.value();
        return new CppOtherUses(points, months, halfTimeBlock, halfTimeMonths, quarters, retirementQuarter,
                retirementMax, reconversion);
    }

    private static String quarters(long n) {
        return n + (n > 1 ? " trimestres" : " trimestre");
    }
}
