package fr.cpa.ledger.domain.rules;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.cpa.platform.rules.RuleBook;

/**
 * The CPF yearly credit: a formula by period, in the manner of OpenFisca. The rule is chosen by population and by the
 * parameters in force on 1 January of the year of activity; every figure comes from a rule book.
 *
 * <p>Rounding: a prorated credit is computed exactly as a fraction, then rounded once, half up, to the minute (hours)
 * or to the cent (euros).
 */
public final class CpfRules {

    /** How worked time turns into a share of the yearly credit. */
    private enum Proration {
        /** 2015–2018: prorated on the time worked (seeds 003: "proratisées"). */
        LINEAR,
        /**
         * Public servants: part-time work counts as full time; only a post of reduced duration (temps non complet) is
         * prorated on the time worked (décret 2017-928, art. 2).
         */
        POST,
        /** 2019–: at least the share (half) of the legal duration earns the full credit, below it prorated. */
        FULL_FROM_SHARE,
        /** ESAT: "par année d'admission à temps plein ou à temps partiel" (L. 6323-34, check): any admission, full. */
        ADMISSION
    }

    private record Regime(String rule, RuleBook.DatedValue rate, RuleBook.DatedValue stepThreshold,
            RuleBook.DatedValue rateAfterStep, RuleBook.DatedValue ceiling, Proration proration,
            RuleBook.DatedValue fullShare, String who) {
    }

    private final LedgerRuleBooks books;
    private final AccountLife life;

    public CpfRules(LedgerRuleBooks books) {
        this.books = books;
        this.life = new AccountLife(books.accounts());
    }

    /** The unit of the year's CPF credit and of the earned balance the caller passes: hours, or euros from 2019. */
    public Unit unitFor(int year, Population population) {
        if (population == Population.PUBLIC_SERVANT) {
            return Unit.MINUTES;
        }
        return inForce(books.cpfPrivate(), "cpf-euros-yearly-credit", LocalDate.of(year, 1, 1)).isPresent()
                ? Unit.EURO_CENTS : Unit.MINUTES;
    }

    /**
     * Whether the holder's own diploma level makes them low-qualified for the year (below level 3, the former level V),
     * whatever the employer declared; false before the low-qualified rate existed or when the level is unknown.
     */
    public boolean lowQualifiedByDiploma(int year, SituationHistory situations) {
        return inForce(books.cpfPrivate(), "cpf-low-qualification-diploma-level", LocalDate.of(year, 1, 1))
                .map(threshold -> situations.belowDiplomaLevel(year, Math.toIntExact(threshold.value())))
                .orElse(false);
    }

    /** The legal yearly duration of full-time work in force in the year (1 607 h), in minutes. */
    public RuleBook.DatedValue legalYearlyDuration(int year) {
        return books.cpfPrivate().at("cpf-legal-yearly-duration", LocalDate.of(year, 1, 1));
    }

    /** The last day by which the credit for the year of activity is due on the account (31 March of the next year). */
    public LocalDate postedBy(int year) {
        LocalDate next = LocalDate.of(year + 1, 1, 1);
        return next.plusMonths(books.cpfPrivate().valueAt("cpf-yearly-credit-posting-months", next)).minusDays(1);
    }

    /**
     * Whether the DIF hours still held count toward the ceiling of the year's credit: not for 2015 to 2018, from
     * 23 August 2019 (ordonnance 2019-861), read on the last day of the year of activity.
     */
    public boolean difCountsTowardCeiling(int year) {
        return books.dif().parameter("dif-counts-toward-ceiling").at(CreditBuilder.endOfYear(year))
                .map(v -> v.value() != 0).orElse(false);
    }

    /**
     * The balance a year's credit compares with its ceiling: earned rights only. Top-ups never count (seeds 003), what
     * the year already credited is the credit being recomputed, and the DIF still held counts only when
     * {@link #difCountsTowardCeiling} says so.
     *
     * @param difHeld the DIF hours entered less those spent, in the account's unit (DIF hours were spent first)
     */
    public long earnedBalance(int year, long balance, long toppedUp, long creditedThisYear, long difHeld) {
        long outside = toppedUp + creditedThisYear + (difCountsTowardCeiling(year) ? 0 : difHeld);
        return Math.max(0, balance - outside);
    }

    /**
     * Whether the CPF is frozen on the date, and since when: from a full-rate pension (all retirement rights claimed)
     * or at the age limit (67, L. 5151-2), whichever comes first. A frozen CPF neither accrues nor can be used; the
     * CEC stays usable.
     */
    public Optional<CpfFreeze> frozenOn(Holder holder, LocalDate date) {
        Optional<CpfFreeze> byPension = frozenByPension(holder.retirementDate(), date);
        Optional<CpfFreeze> byAge = inForce(books.cpfPrivate(), "cpf-use-age-limit", date).flatMap(limit -> {
            LocalDate birthday = holder.birthDate().plusYears(limit.value());
            LocalDate from = birthday.isAfter(limit.from()) ? birthday : limit.from();
            return from.isAfter(date) ? Optional.empty() : Optional.of(new CpfFreeze(from, limit.value() + " ans le "
                    + Amounts.date(birthday), limit));
        });
        if (byPension.isPresent() && byAge.isPresent()) {
            return byPension.get().from().isAfter(byAge.get().from()) ? byAge : byPension;
        }
        return byPension.or(() -> byAge);
    }

    /** Frozen by a full-rate pension drawn on or before the date ({@code retirement} null: none). */
    public Optional<CpfFreeze> frozenByPension(LocalDate retirement, LocalDate date) {
        return Optional.ofNullable(retirement).filter(retired -> !retired.isAfter(date))
                .map(retired -> new CpfFreeze(retired, "droits à la retraite liquidés le " + Amounts.date(retired),
                        null));
    }

    public Credit credit(CpfYearInput in) {
        int year = in.year();
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate effective = CreditBuilder.endOfYear(year);
        Holder holder = in.holder();
        Unit unit = unitFor(year, in.population());
        CreditBuilder out = new CreditBuilder("cpf", year, unit);
        recordInputs(out, in);

        // The account closes at death; the year's credit would be dated after it (decision: no credit that year).
        if (AccountLife.closedBy(holder, effective)) {
            return out.zero("compte clos au décès le " + Amounts.date(holder.deathDate()));
        }
        Optional<CpfFreeze> freeze = frozenOn(holder, effective);
        if (freeze.isPresent()) {
            if (freeze.get().age() != null) {
                out.cite(freeze.get().age());
            }
            if (!freeze.get().from().isAfter(start)) {
                return out.zero(freeze.get().reason() + ", le CPF n'est plus alimenté");
            }
            // Frozen during the year: it accrues until then, as until a retirement.
            holder = holder.retiredOn(freeze.get().from());
        }
        Optional<Regime> found = regime(in.population(), in.lowQualified(), in.categoryC(), start);
        if (found.isEmpty()) {
            return out.zero("aucune règle CPF en vigueur en " + year + " pour un " + in.population().label());
        }
        Regime regime = found.get();
        out.rule(regime.rule());

        RuleBook.DatedValue age = life.openingAge(holder, start);
        LocalDate opening = holder.birthDate().plusYears(age.value());
        long days = life.accruingDays(holder, year, true);
        if (days == 0) {
            out.use(age);
            return out.zero("compte ouvert le " + Amounts.date(opening) + " (" + age.value() + " ans)");
        }

        long reference = in.referenceMinutes() != null ? in.referenceMinutes() : out.use(legalYearlyDuration(year));
        out.input("referenceMinutes", reference);
        List<String> reasons = new ArrayList<>();
        if (regime.who() != null) {
            reasons.add(regime.who());
        }

        // Part of the year only (opening, retirement): worked time counts up to full time over the accruing days.
        long counted = Math.min(in.workedMinutes(), reference);
        long fullTime = reference;
        long yearDays = AccountLife.daysInYear(year);
        if (days < yearDays) {
            long cap = Amounts.mulDivHalfUp(reference, days, yearDays);
            counted = Math.min(counted, cap);
            fullTime = cap;
            if (opening.isAfter(start)) {
                out.use(age);
                reasons.add("compte ouvert le " + Amounts.date(opening) + " (" + age.value() + " ans)");
            }
            if (freeze.isPresent() && freeze.get().from().getYear() == year) {
                reasons.add(freeze.get().reason());
            }
        }
        if (in.workedMinutes() == 0) {
            reasons.add(regime.proration() == Proration.ADMISSION ? "aucune admission déclarée" : "aucune heure travaillée");
            return out.credit(0, reasons);
        }
        out.input("countedMinutes", counted);

        long rate = out.cite(regime.rate());
        long ceiling = out.use(regime.ceiling());
        long balance = in.earnedBalance();
        String ceilingText = unit.format(ceiling);
        if (balance >= ceiling) {
            reasons.add("plafond " + ceilingText + " déjà atteint");
            return out.credit(0, reasons);
        }

        // The exact credit as a fraction num/den, rounded once at the end.
        BigInteger num;
        BigInteger den;
        long worked;
        switch (regime.proration()) {
            case ADMISSION -> worked = reference;
            case POST -> {
                if (in.reducedDurationPost()) {
                    worked = counted;
                    reasons.add("poste à temps non complet, au prorata (" + Unit.MINUTES.format(counted) + " sur "
                            + Unit.MINUTES.format(reference) + ")");
                } else {
                    worked = fullTime;
                    reasons.add(counted >= reference ? "temps plein" : "temps partiel compté comme un temps plein");
                }
            }
            case FULL_FROM_SHARE -> {
                long share = out.use(regime.fullShare());
                if (counted >= reference) {
                    reasons.add("temps plein");
                    worked = reference;
                } else if (BigInteger.valueOf(counted).multiply(BigInteger.valueOf(Amounts.PERCENT))
                        .compareTo(BigInteger.valueOf(reference).multiply(BigInteger.valueOf(share))) >= 0) {
                    reasons.add("mi-temps atteint");
                    worked = reference;
                } else {
                    reasons.add("moins d'un mi-temps, au prorata (" + Unit.MINUTES.format(counted) + " sur "
                            + Unit.MINUTES.format(reference) + ")");
                    worked = counted;
                }
            }
            default -> {
                worked = counted;
                reasons.add(counted >= reference ? "temps plein" : "temps partiel, au prorata ("
                        + Unit.MINUTES.format(counted) + " sur " + Unit.MINUTES.format(reference) + ")");
            }
        }
        BigInteger w = BigInteger.valueOf(worked);
        BigInteger r = BigInteger.valueOf(reference);
        boolean ceilingNamed = false;
        if (regime.stepThreshold() == null) {
            num = BigInteger.valueOf(rate).multiply(w);
            den = r;
        } else {
            long threshold = out.use(regime.stepThreshold());
            long after = out.use(regime.rateAfterStep());
            BigInteger rate1 = BigInteger.valueOf(rate);
            BigInteger rate2 = BigInteger.valueOf(after);
            if (balance >= threshold) {
                // Step reached before the year: the lower rate for the whole year.
                num = rate2.multiply(w);
                den = r;
                reasons.add(unit.format(balance) + " déjà acquises, " + unit.format(after) + " par an jusqu'à " + ceilingText);
                ceilingNamed = true;
            } else if (BigInteger.valueOf(balance).multiply(r).add(rate1.multiply(w))
                    .compareTo(BigInteger.valueOf(threshold).multiply(r)) <= 0) {
                // The whole year at the first rate stays within the step.
                num = rate1.multiply(w);
                den = r;
            } else {
                // Crossing the step: the first rate until the balance reaches it, the second rate for the rest of the
                // year's worked time. credit = gap + rate2 × (w/r − gap/rate1).
                BigInteger gap = BigInteger.valueOf(threshold - balance);
                num = gap.multiply(r).multiply(rate1).add(rate2.multiply(w.multiply(rate1).subtract(gap.multiply(r))));
                den = r.multiply(rate1);
                reasons.add(unit.format(rate) + " par an jusqu'à " + unit.format(threshold) + " puis "
                        + unit.format(after) + " par an");
            }
        }
        // Employees' credits are rounded up to the whole hour (2015–2018) or the cent (from 2019), R. 6323-1; public
        // servants' to the nearest minute, their texts giving no rounding.
        Optional<RuleBook.DatedValue> rounding = regime.proration() == Proration.POST ? Optional.empty()
                : inForce(books.cpfPrivate(), unit == Unit.MINUTES ? "cpf-hours-credit-rounding"
                        : "cpf-euros-credit-rounding", start);
        long amount = rounding.isPresent() ? Amounts.divideUp(num, den, out.use(rounding.get()))
                : Amounts.divideHalfUp(num, den);
        if (balance + amount >= ceiling) {
            // A credit crossing the ceiling is cut to reach it exactly.
            amount = ceiling - balance;
            reasons.add("plafond " + ceilingText + " atteint");
        } else if (!ceilingNamed) {
            reasons.add("plafond " + ceilingText);
        }
        return out.credit(amount, reasons);
    }

    private static void recordInputs(CreditBuilder out, CpfYearInput in) {
        out.input("year", in.year())
                .input("population", in.population())
                .input("workedMinutes", in.workedMinutes())
                .input("referenceFromDeclaration", in.referenceMinutes() != null)
                .input("lowQualified", in.lowQualified())
                .input("categoryC", in.categoryC())
                .input("birthDate", in.holder().birthDate())
                .input("apprentice", in.holder().apprentice())
                .input("retirementDate", in.holder().retirementDate())
                .input("deathDate", in.holder().deathDate())
                .input("earnedBalance", in.earnedBalance());
    }

    /**
     * The ceiling of the earned balance under the rule in force in the year for the population, in the year's unit
     * ({@link #unitFor}); empty when no CPF rule is in force (ESAT workers before 2017, public servants before 2017).
     */
    public Optional<RuleBook.DatedValue> ceiling(int year, Population population, boolean lowQualified,
            boolean categoryC) {
        return regime(population, lowQualified, categoryC, LocalDate.of(year, 1, 1)).map(Regime::ceiling);
    }

    /** The rule in force for the population on the first day of the year, if any. */
    private Optional<Regime> regime(Population population, boolean lowQualified, boolean categoryC, LocalDate start) {
        RuleBook priv = books.cpfPrivate();
        return switch (population) {
            case PRIVATE_EMPLOYEE -> {
                Optional<RuleBook.DatedValue> euros = inForce(priv, "cpf-euros-yearly-credit", start);
                if (euros.isPresent()) {
                    RuleBook.DatedValue share = priv.at("cpf-euros-full-credit-min-share", start);
                    Optional<RuleBook.DatedValue> low = inForce(priv, "cpf-euros-yearly-credit-low-qualified", start);
                    if (lowQualified && low.isPresent()) {
                        yield Optional.of(new Regime("cpf.private.euros.low-qualified", low.get(), null, null,
                                priv.at("cpf-euros-ceiling-low-qualified", start), Proration.FULL_FROM_SHARE, share,
                                "peu qualifié (sous le niveau 3)"));
                    }
                    yield Optional.of(new Regime("cpf.private.euros", euros.get(), null, null,
                            priv.at("cpf-euros-ceiling", start), Proration.FULL_FROM_SHARE, share, null));
                }
                Optional<RuleBook.DatedValue> lowHours = inForce(priv, "cpf-hours-yearly-credit-low-qualified", start);
                if (lowQualified && lowHours.isPresent()) {
                    yield Optional.of(new Regime("cpf.private.hours.low-qualified", lowHours.get(), null, null,
                            priv.at("cpf-hours-ceiling-low-qualified", start), Proration.LINEAR, null,
                            "peu qualifié (sous le niveau V)"));
                }
                yield hoursWithStep(priv, start, "cpf.private.hours", Proration.LINEAR, null);
            }
            case ESAT_WORKER -> {
                if (inForce(priv, "cpf-esat-open", start).isEmpty()) {
                    yield Optional.empty();
                }
                String who = Population.ESAT_WORKER.label();
                Optional<RuleBook.DatedValue> euros = inForce(priv, "cpf-esat-euros-yearly-credit", start);
                if (euros.isPresent()) {
                    yield Optional.of(new Regime("cpf.esat.euros", euros.get(), null, null,
                            priv.at("cpf-esat-euros-ceiling", start), Proration.ADMISSION, null, who));
                }
                yield hoursWithStep(priv, start, "cpf.esat.hours", Proration.ADMISSION, who);
            }
            case PUBLIC_SERVANT -> {
                RuleBook pub = books.cpfPublic();
                Optional<RuleBook.DatedValue> rate = inForce(pub, "cpf-public-hours-yearly-credit", start);
                if (rate.isEmpty()) {
                    yield Optional.empty();
                }
                Optional<RuleBook.DatedValue> catC = inForce(pub, "cpf-public-hours-yearly-credit-category-c", start);
                if (categoryC && lowQualified && catC.isPresent()) {
                    yield Optional.of(new Regime("cpf.public.hours.category-c", catC.get(), null, null,
                            pub.at("cpf-public-hours-ceiling-category-c", start), Proration.POST, null,
                            "agent public de catégorie C sans qualification de niveau 3 (ancien niveau V)"));
                }
                Optional<RuleBook.DatedValue> step = inForce(pub, "cpf-public-hours-step-threshold", start);
                yield Optional.of(new Regime("cpf.public.hours", rate.get(), step.orElse(null),
                        step.isPresent() ? pub.at("cpf-public-hours-yearly-credit-after-step", start) : null,
                        pub.at("cpf-public-hours-ceiling", start), Proration.POST, null, Population.PUBLIC_SERVANT.label()));
            }
        };
    }

    private static Optional<Regime> hoursWithStep(RuleBook book, LocalDate start, String rule, Proration proration,
            String who) {
        Optional<RuleBook.DatedValue> rate = inForce(book, "cpf-hours-yearly-credit", start);
        return rate.map(r -> new Regime(rule, r, book.at("cpf-hours-step-threshold", start),
                book.at("cpf-hours-yearly-credit-after-step", start), book.at("cpf-hours-ceiling", start), proration,
                null, who));
    }

    static Optional<RuleBook.DatedValue> inForce(RuleBook book, String parameter, LocalDate date) {
        return book.parameter(parameter).at(date);
    }
}
