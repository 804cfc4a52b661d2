package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.ledger.domain.rules.Amounts;
import fr.cpa.ledger.domain.rules.CecActivity;
import fr.cpa.ledger.domain.rules.CecActivityDeclaration;
import fr.cpa.ledger.domain.rules.CecRules;
import fr.cpa.ledger.domain.rules.CpfConversion;
import fr.cpa.ledger.domain.rules.CpfRules;
import fr.cpa.ledger.domain.rules.CpfYearInput;
import fr.cpa.ledger.domain.rules.CppFactor;
import fr.cpa.ledger.domain.rules.CppQuarterExposure;
import fr.cpa.ledger.domain.rules.CppRules;
import fr.cpa.ledger.domain.rules.Credit;
import fr.cpa.ledger.domain.rules.Holder;
import fr.cpa.ledger.domain.rules.HoursConversion;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Population;
import fr.cpa.ledger.domain.rules.SituationHistory;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.rules.RuleBook;

/**
 * What a person can expect of each account: the ceiling its earned balance is compared with (top-ups never count;
 * the population and low qualification from the holder's situation and the latest declarations), and the next yearly
 * credit, computed by the same rules as the accrual from the person's latest declarations. When
 * the latest declared year is already credited, the next year is assumed to be like it, and the answer says so.
 */
@ApplicationScoped
public class Outlooks {

    /** An account as the outlook needs it. */
    public record AccountState(UUID id, AccountKind kind, Unit unit, long balance, long toppedUp, LocalDate birthDate,
            LocalDate closedOn) {

        /** The balance earned by the holder's own rights: top-ups are left out of every ceiling. */
        long earned() {
            return Math.max(0, balance - toppedUp);
        }
    }

    /**
     * The ceiling in force today, or why there is none (amount null).
     *
     * @param counted what the ceiling is compared with, in {@code unit}: the earned balance (CPF, CEC), the points
     *        acquired over the career (CPP)
     * @param room what can still be earned before the ceiling
     */
    public record Ceiling(Long amount, String unit, Long counted, Long room, String parameter, LocalDate inForceFrom,
            String source, String explanation) {
    }

    /**
     * The next yearly credit, or why it is unknown (amount null, reason set).
     *
     * @param year the year of activity it is for
     * @param expectedBy the day it is due on the account (the first quarter after the year)
     * @param assumptions what the computation took as given
     */
    public record NextCredit(Long amount, String unit, Integer year, LocalDate expectedBy,
            Map<String, Object> assumptions, String explanation, String reason) {

        static NextCredit unknown(String reason) {
            return new NextCredit(null, null, null, null, Map.of(), null, reason);
        }
    }

    public record Outlook(Ceiling ceiling, NextCredit nextCredit) {
    }

    /** One employer's declaration of the latest declared year. */
    private record Declared(int year, long minutes, Long referenceMinutes, boolean lowQualified,
            List<CppQuarterExposure> exposures, boolean publicEmployer, boolean reducedDurationPost, boolean categoryC) {
    }

    /** The population of the year: a public employer among the latest declarations makes it the public service's. */
    private static Population population(int year, List<Declared> declared, SituationHistory situations) {
        return Population.ofYear(declared.stream().anyMatch(Declared::publicEmployer), situations.populationIn(year));
    }

    private final DataSource dataSource;
    private final HolderSituations holderSituations;
    private final CpfRules cpfRules;
    private final CecRules cecRules;
    private final CppRules cppRules;
    private final CpfConversion conversion;

    Outlooks(DataSource dataSource, HolderSituations holderSituations) {
        this.dataSource = dataSource;
        this.holderSituations = holderSituations;
        LedgerRuleBooks books = LedgerRuleBooks.load();
        this.cpfRules = new CpfRules(books);
        this.cecRules = new CecRules(books);
        this.cppRules = new CppRules(books);
        this.conversion = new CpfConversion(books);
    }

    /** The outlook of each of one person's accounts, on the date. */
    public Map<AccountKind, Outlook> of(String personKey, List<AccountState> accounts, LocalDate today) {
        Map<AccountKind, Outlook> outlooks = new EnumMap<>(AccountKind.class);
        try (Connection connection = dataSource.getConnection()) {
            List<Declared> declared = latestDeclarations(connection, personKey);
            SituationHistory situations = holderSituations.historyOf(personKey);
            for (AccountState account : accounts) {
                Optional<Holder> holder = holder(account);
                Outlook outlook = switch (account.kind()) {
                    case CPF -> new Outlook(cpfCeiling(account, declared, situations, today), holder
                            .map(h -> nextCpf(connection, account, h, declared, situations)).orElse(noBirthDate()));
                    case CEC -> new Outlook(cecCeiling(account, today),
                            holder.map(h -> nextCec(connection, personKey, account, h)).orElse(noBirthDate()));
                    case CPP -> {
                        long career = careerPoints(connection, account.id());
                        yield new Outlook(cppCeiling(career, today),
                                holder.map(h -> nextCpp(connection, account, h, declared, career)).orElse(noBirthDate()));
                    }
                };
                outlooks.put(account.kind(), outlook);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read what the accounts can expect", e);
        }
        return outlooks;
    }

    /**
     * The earned balance in the unit of a rule: hours not yet converted are valued as the conversion will; empty for
     * euros where the rule counts hours.
     */
    public Optional<Long> earnedIn(AccountState account, Unit unit) {
        if (account.unit() == unit || account.earned() == 0) {
            return Optional.of(account.earned());
        }
        if (account.kind() == AccountKind.CPF && account.unit() == Unit.MINUTES && unit == Unit.EURO_CENTS) {
            return Optional.of(conversion.convert(HoursConversion.Kind.CPF_HOURS, account.earned()).centsIn());
        }
        return Optional.empty();
    }

    /** Low-qualified by an employer's declaration of the latest year, or by the holder's own diploma level. */
    private boolean lowQualified(int year, List<Declared> declared, SituationHistory situations) {
        return declared.stream().anyMatch(Declared::lowQualified) || cpfRules.lowQualifiedByDiploma(year, situations);
    }

    private Ceiling cpfCeiling(AccountState account, List<Declared> declared, SituationHistory situations,
            LocalDate today) {
        int year = today.getYear();
        Population population = population(year, declared, situations);
        boolean lowQualified = lowQualified(year, declared, situations);
        Optional<RuleBook.DatedValue> ceiling = cpfRules.ceiling(year, population, lowQualified,
                declared.stream().anyMatch(Declared::categoryC));
        String who = population.label() + (lowQualified ? " peu qualifié" : "");
        return ceiling.map(c -> ceiling(c, cpfRules.unitFor(year, population), earnedIn(account, cpfRules.unitFor(year,
                population)), who, "acquis hors abondements"))
                .orElseGet(() -> new Ceiling(null, null, null, null, null, null, null, "aucun plafond CPF en vigueur"));
    }

    private Ceiling cecCeiling(AccountState account, LocalDate today) {
        int year = today.getYear();
        Unit unit = cecRules.unitFor(year);
        return cecRules.ceiling(year).map(c -> ceiling(c, unit, earnedIn(account, unit), null, "acquis hors abondements"))
                .orElseGet(() -> new Ceiling(null, null, null, null, null, null, null, "aucun plafond CEC en vigueur"));
    }

    private Ceiling cppCeiling(long career, LocalDate today) {
        Optional<RuleBook.DatedValue> ceiling = cppRules.careerCeiling(today);
        if (ceiling.isPresent()) {
            return ceiling(ceiling.get(), Unit.POINTS, Optional.of(career), null, "acquis sur la carrière");
        }
        String explanation = cppRules.careerCeilingLiftedOn(today)
                .map(d -> "aucun plafond de carrière depuis le " + Amounts.date(d))
                .orElse("aucun plafond de carrière en vigueur");
        return new Ceiling(null, Unit.POINTS.name(), career, null, "cpp-career-ceiling", null, null, explanation);
    }

    private static Ceiling ceiling(RuleBook.DatedValue ceiling, Unit unit, Optional<Long> counted, String who,
            String countedLabel) {
        String head = "plafond " + unit.format(ceiling.value()) + (who == null ? "" : " (" + who + ")");
        if (counted.isEmpty()) {
            return new Ceiling(ceiling.value(), unit.name(), null, null, ceiling.parameter(), ceiling.from(),
                    ceiling.source(), head + " ; le solde en heures n'est pas encore converti");
        }
        long room = Math.max(0, ceiling.value() - counted.get());
        String explanation = head + " : " + unit.format(counted.get()) + " " + countedLabel
                + (room == 0 ? ", plafond atteint" : ", encore " + unit.format(room) + " avant le plafond");
        return new Ceiling(ceiling.value(), unit.name(), counted.get(), room, ceiling.parameter(), ceiling.from(),
                ceiling.source(), explanation);
    }

    private NextCredit nextCpf(Connection connection, AccountState account, Holder person, List<Declared> declared,
            SituationHistory situations) {
        if (declared.isEmpty()) {
            return NextCredit.unknown("aucune déclaration d'employeur reçue : le prochain crédit CPF ne peut être estimé");
        }
        int declaredYear = declared.get(0).year();
        int year = creditWritten(connection, account.id(), declaredYear) ? declaredYear + 1 : declaredYear;
        Population population = population(year, declared, situations);
        Holder holder = situations.applyTo(person, year, false);
        Unit unit = cpfRules.unitFor(year, population);
        Optional<Long> earned = earnedIn(account, unit);
        if (earned.isEmpty()) {
            return NextCredit.unknown("heures déclarées pour " + year + " sur un compte déjà converti en euros : "
                    + "elles seront traitées à part");
        }
        long minutes = declared.stream().mapToLong(Declared::minutes).sum();
        Long reference = declared.stream().map(Declared::referenceMinutes).filter(r -> r != null).findFirst().orElse(null);
        boolean lowQualified = lowQualified(year, declared, situations);
        boolean publicPosts = declared.stream().filter(Declared::publicEmployer).allMatch(Declared::reducedDurationPost);
        Credit credit = cpfRules.credit(CpfYearInput.of(year, population, holder).withWorkedMinutes(minutes)
                .withReferenceMinutes(reference).withLowQualified(lowQualified)
                .withCategoryC(declared.stream().anyMatch(Declared::categoryC))
                .withReducedDurationPost(population == Population.PUBLIC_SERVANT && publicPosts)
                .withEarnedBalance(earned.get()));
        Map<String, Object> assumptions = assumptions(declaredYear, year);
        assumptions.put("population", population.name());
        assumptions.put("workedMinutes", minutes);
        assumptions.put("employers", declared.size());
        assumptions.put("referenceMinutes", reference);
        assumptions.put("lowQualified", lowQualified);
        assumptions.put("earnedBalance", earned.get());
        return next(credit, declaredYear, assumptions);
    }

    private NextCredit nextCpp(Connection connection, AccountState account, Holder holder, List<Declared> declared,
            long career) {
        if (declared.isEmpty()) {
            return NextCredit.unknown("aucune déclaration d'employeur reçue : les prochains points ne peuvent être estimés");
        }
        int declaredYear = declared.get(0).year();
        int year = creditWritten(connection, account.id(), declaredYear) ? declaredYear + 1 : declaredYear;
        List<CppQuarterExposure> exposures = new ArrayList<>();
        declared.forEach(d -> d.exposures().forEach(e -> exposures.add(new CppQuarterExposure(year, e.quarter(),
                e.factors()))));
        Credit credit = cppRules.yearCredit(year, holder, exposures, career);
        Map<String, Object> assumptions = assumptions(declaredYear, year);
        assumptions.put("exposedQuarters", exposures.size());
        assumptions.put("careerPointsAcquired", career);
        return next(credit, declaredYear, assumptions);
    }

    private NextCredit nextCec(Connection connection, String personKey, AccountState account, Holder holder) {
        List<CecActivityDeclaration> activities = new ArrayList<>();
        int declaredYear = latestCecDeclarations(connection, personKey, activities);
        if (activities.isEmpty()) {
            return NextCredit.unknown("aucune activité citoyenne déclarée : le prochain crédit CEC ne peut être estimé");
        }
        int year = creditWritten(connection, account.id(), declaredYear) ? declaredYear + 1 : declaredYear;
        Unit unit = cecRules.unitFor(year);
        Optional<Long> earned = earnedIn(account, unit);
        if (earned.isEmpty()) {
            return NextCredit.unknown("activités déclarées pour " + year + " sur un compte déjà converti en euros : "
                    + "elles seront traitées à part");
        }
        List<Credit> credits = cecRules.credits(year, holder, activities, earned.get());
        long amount = credits.stream().mapToLong(Credit::amount).sum();
        Map<String, Object> assumptions = assumptions(declaredYear, year);
        assumptions.put("activities", activities.stream().map(a -> a.activity().name()).toList());
        assumptions.put("earnedBalance", earned.get());
        String explanation = String.join(" ; ", credits.stream().map(Credit::explanation).toList());
        return new NextCredit(amount, unit.name(), year, cpfRules.postedBy(year), assumptions,
                explanation + sameAs(declaredYear, year), null);
    }

    private NextCredit next(Credit credit, int declaredYear, Map<String, Object> assumptions) {
        return new NextCredit(credit.amount(), credit.unit().name(), credit.year(), cpfRules.postedBy(credit.year()),
                assumptions, credit.explanation() + sameAs(declaredYear, credit.year()), null);
    }

    private static Map<String, Object> assumptions(int declaredYear, int year) {
        Map<String, Object> assumptions = new LinkedHashMap<>();
        assumptions.put("declarationsOf", declaredYear);
        assumptions.put("sameAsDeclaredYear", year != declaredYear);
        return assumptions;
    }

    private static String sameAs(int declaredYear, int year) {
        return year == declaredYear ? "" : " (si " + year + " ressemble à " + declaredYear + ", dernière année déclarée)";
    }

    private static NextCredit noBirthDate() {
        return NextCredit.unknown("date de naissance inconnue : l'âge d'ouverture du compte ne peut être vérifié");
    }

    private static Optional<Holder> holder(AccountState account) {
        if (account.birthDate() == null) {
            return Optional.empty();
        }
        Holder holder = Holder.bornOn(account.birthDate());
        return Optional.of(account.closedOn() == null ? holder : holder.diedOn(account.closedOn()));
    }

    /** The declarations of the person's latest declared year, all employers, with their exposures. */
    private static List<Declared> latestDeclarations(Connection connection, String personKey) throws SQLException {
        List<Declared> declared = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT d.year, d.minutes_worked, d.reference_minutes, d.low_qualified, x->>'factor', (x->>'quarter')::int,
                    d.id, d.employer_sector = 'PUBLIC', d.reduced_duration_post, coalesce(d.public_category = 'C', false)
                FROM declaration d LEFT JOIN LATERAL jsonb_array_elements(d.cpp_exposures) x ON true
                WHERE d.person_key = ? AND d.year = (SELECT max(year) FROM declaration WHERE person_key = ?)
                ORDER BY d.siret, d.id""")) {
            select.setString(1, personKey);
            select.setString(2, personKey);
            try (ResultSet rows = select.executeQuery()) {
                Declared current = null;
                UUID currentId = null;
                while (rows.next()) {
                    // One row per exposure of a declaration (one row when it has none).
                    UUID id = rows.getObject(7, UUID.class);
                    if (!id.equals(currentId)) {
                        currentId = id;
                        long reference = rows.getLong(3);
                        Long referenceMinutes = rows.wasNull() ? null : reference;
                        current = new Declared(rows.getInt(1), rows.getLong(2), referenceMinutes, rows.getBoolean(4),
                                new ArrayList<>(), rows.getBoolean(8), rows.getBoolean(9), rows.getBoolean(10));
                        declared.add(current);
                    }
                    if (rows.getString(5) != null) {
                        current.exposures().add(CppQuarterExposure.of(current.year(), rows.getInt(6),
                                CppFactor.valueOf(rows.getString(5))));
                    }
                }
            }
        }
        return declared;
    }

    /** The activities of the person's latest year of CEC declarations, into {@code activities}; that year, or 0. */
    private static int latestCecDeclarations(Connection connection, String personKey,
            List<CecActivityDeclaration> activities) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT year, activity, measure, second_measure FROM cec_declaration
                WHERE person_key = ? AND year = (SELECT max(year) FROM cec_declaration WHERE person_key = ?)
                ORDER BY declarer, activity""")) {
            select.setString(1, personKey);
            select.setString(2, personKey);
            int year = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    year = rows.getInt(1);
                    activities.add(new CecActivityDeclaration(CecActivity.valueOf(rows.getString(2)), rows.getLong(3),
                            rows.getLong(4)));
                }
            }
            return year;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read CEC declarations", e);
        }
    }

    private static boolean creditWritten(Connection connection, UUID account, int year) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM account_entry WHERE account_id = ? AND rule_year = ?
                    AND kind = 'YEARLY_CREDIT')""")) {
            select.setObject(1, account);
            select.setInt(2, year);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the account's credits", e);
        }
    }

    /** Every point ever credited to the CPP: the career ceiling counts them all, used or not. */
    private static long careerPoints(Connection connection, UUID account) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT coalesce(sum(amount), 0) FROM account_entry
                WHERE account_id = ? AND kind IN ('YEARLY_CREDIT', 'CORRECTION')""")) {
            select.setObject(1, account);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the career points", e);
        }
    }
}
