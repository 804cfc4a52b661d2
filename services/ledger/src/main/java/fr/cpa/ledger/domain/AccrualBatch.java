package fr.cpa.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import fr.cpa.ledger.domain.rules.Population;
import fr.cpa.ledger.domain.rules.SituationHistory;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.events.ledger.RightsCredited;

/**
 * One batch of a yearly accrual: what a few hundred persons' declarations of the year earn, read and written in a
 * handful of set-based statements (one per kind of fact, one for the journal, one for the balances, one for the
 * events) rather than a few per person, so that a million persons take minutes, not hours.
 *
 * <p>Per person: the CPF from all employers' hours summed (population, low qualification and retirement also from
 * the holder's own situation), the CPP from the quarters of exposure, the CEC from each certified activity; the
 * hours of an account still in hours become euros first when the year's rule is in euros (once, 1 January 2019).
 * Each credit is compared with what the year already gave the account: the difference is written as the yearly
 * credit or as a correction, with an id naming the state of the declarations, so re-running writes nothing new.
 */
final class AccrualBatch {

    /** The rules the accrual applies, built once per run. */
    record Rules(CpfRules cpf, CecRules cec, CppRules cpp, CpfConversion conversion) {
    }

    /** What was written, and what was left for later with the reason (counted, not logged per person). */
    record Outcome(List<NewEntry> entries, List<RightsCredited> events, Set<UUID> toEuros, Map<String, Integer> leftOut) {
    }

    private static final class AccountState {
        final UUID id;
        Unit unit;
        long balance;
        final long pending;
        final long toppedUp;
        /** DIF hours entered less those spent, loaded only for years whose ceiling leaves the DIF out. */
        long difHeld;

        AccountState(UUID id, Unit unit, long balance, long pending, long toppedUp) {
            this.id = id;
            this.unit = unit;
            this.balance = balance;
            this.pending = pending;
            this.toppedUp = toppedUp;
        }

        /** The balance the ceilings compare with: top-ups never count toward them. */
        long earned(long creditedThisYear) {
            return Math.max(0, balance - toppedUp - creditedThisYear);
        }
    }

    /**
     * All employers' declarations of the person's year, summed.
     *
     * @param publicEmployer a public employer declared the year: a public-service year
     * @param reducedDurationPost every public employer of the year declared a post of reduced duration
     * @param categoryC a public employer declared the agent in category C
     */
    private record EmployerYear(long minutes, Long referenceMinutes, boolean lowQualified, boolean apprentice,
            long revisions, boolean publicEmployer, boolean reducedDurationPost, boolean categoryC) {
    }

    /** What the year already gave an account (credit and corrections), per CEC activity or for the whole account. */
    private record Credited(long amount, boolean yearlyCreditWritten) {
        static final Credited NONE = new Credited(0, false);
    }

    private static final class Person {
        final Map<AccountKind, AccountState> accounts = new EnumMap<>(AccountKind.class);
        LocalDate birthDate;
        LocalDate closedOn;
        EmployerYear employer;
        final List<CppQuarterExposure> exposures = new ArrayList<>();
        final List<CecActivityDeclaration> cec = new ArrayList<>();
        final Map<CecActivity, Long> cecRevisions = new EnumMap<>(CecActivity.class);
    }

    private final Rules rules;
    private final int year;
    private final Map<String, Person> persons = new LinkedHashMap<>();
    /** What the holders among the persons told of their situation, by person key. */
    private final Map<String, SituationHistory> situations;
    /** Keyed by account id, then CEC activity name ("" for the whole account). */
    private final Map<UUID, Map<String, Credited>> credited = new HashMap<>();
    private final Map<UUID, Long> earnedPoints = new HashMap<>();
    private final List<NewEntry> entries = new ArrayList<>();
    private final List<RightsCredited> events = new ArrayList<>();
    private final Set<UUID> toEuros = new HashSet<>();
    private final Map<String, Integer> leftOut = new LinkedHashMap<>();

    AccrualBatch(Rules rules, int year, Map<String, SituationHistory> situations) {
        this.rules = rules;
        this.year = year;
        this.situations = situations;
    }

    /** Reads the facts of the persons (their accounts locked) and computes the entries; writes nothing. */
    Outcome compute(Connection connection, List<String> personKeys) throws SQLException {
        for (String key : personKeys) {
            persons.put(key, new Person());
        }
        Array keys = connection.createArrayOf("text", personKeys.toArray());
        loadAccounts(connection, keys);
        if (!rules.cpf().difCountsTowardCeiling(year)) {
            loadDifHeld(connection, keys);
        }
        loadEmployerYears(connection, keys);
        loadExposures(connection, keys);
        loadCecDeclarations(connection, keys);
        loadCredited(connection);
        loadEarnedPoints(connection);
        persons.forEach((key, person) -> {
            int entriesBefore = entries.size();
            int eventsBefore = events.size();
            try {
                accrue(key, person);
            } catch (IllegalArgumentException e) {
                // Inputs the rules refuse (a data error) must not stop everybody else's year: the person's entries
                // are dropped whole, to be written by a run after the data is fixed.
                entries.subList(entriesBefore, entries.size()).clear();
                events.subList(eventsBefore, events.size()).clear();
                person.accounts.values().forEach(a -> toEuros.remove(a.id));
                leave("inputs refused by the rules: " + e.getMessage());
            }
        });
        return new Outcome(entries, events, toEuros, leftOut);
    }

    private void accrue(String key, Person person) {
        if (person.birthDate == null) {
            leave("no birth date yet");
            return;
        }
        SituationHistory situations = this.situations.getOrDefault(key, SituationHistory.UNKNOWN);
        Holder holder = Holder.bornOn(person.birthDate);
        if (person.closedOn != null) {
            holder = holder.diedOn(person.closedOn);
        }
        holder = situations.applyTo(holder, year, person.employer != null && person.employer.apprentice());
        if (person.employer != null) {
            accrueCpf(key, person, holder, situations);
            accrueCpp(key, person, holder);
        }
        if (!person.cec.isEmpty()) {
            accrueCec(key, person, holder);
        }
    }

    private void accrueCpf(String key, Person person, Holder holder, SituationHistory situations) {
        EmployerYear employer = person.employer;
        Population population = Population.ofYear(employer.publicEmployer(), situations.populationIn(year));
        AccountState account = person.accounts.get(AccountKind.CPF);
        if (!inUnit(key, AccountKind.CPF, account, rules.cpf().unitFor(year, population), HoursConversion.Kind.CPF_HOURS)) {
            return;
        }
        Credited already = credited(account.id, "");
        Credit credit = rules.cpf().credit(CpfYearInput.of(year, population, holder)
                .withWorkedMinutes(employer.minutes()).withReferenceMinutes(employer.referenceMinutes())
                .withLowQualified(employer.lowQualified() || rules.cpf().lowQualifiedByDiploma(year, situations))
                .withCategoryC(employer.categoryC()).withReducedDurationPost(employer.reducedDurationPost())
                .withEarnedBalance(rules.cpf().earnedBalance(year, account.balance, account.toppedUp, already.amount(),
                        account.difHeld)));
        post(key, AccountKind.CPF, "", account, employer.revisions(), credit, already);
    }

    private void accrueCpp(String key, Person person, Holder holder) {
        AccountState account = person.accounts.get(AccountKind.CPP);
        Credited already = credited(account.id, "");
        if (person.exposures.isEmpty() && already.amount() == 0) {
            return;
        }
        long career = Math.max(0, earnedPoints.getOrDefault(account.id, 0L) - already.amount());
        Credit credit = rules.cpp().yearCredit(year, holder, person.exposures, career);
        post(key, AccountKind.CPP, "", account, person.employer.revisions(), credit, already);
    }

    private void accrueCec(String key, Person person, Holder holder) {
        AccountState account = person.accounts.get(AccountKind.CEC);
        if (!inUnit(key, AccountKind.CEC, account, rules.cec().unitFor(year), HoursConversion.Kind.CEC_HOURS)) {
            return;
        }
        long creditedThisYear = credited.getOrDefault(account.id, Map.of()).values().stream()
                .mapToLong(Credited::amount).sum();
        // Kinds already credited this year first, then in the order of the law's list.
        List<CecActivityDeclaration> declared = person.cec.stream().sorted(Comparator
                .comparing((CecActivityDeclaration d) -> credited(account.id, d.activity().name()).amount() <= 0)
                .thenComparing(CecActivityDeclaration::activity)).toList();
        List<Credit> credits = rules.cec().credits(year, holder, declared, account.earned(creditedThisYear));
        for (Credit credit : credits) {
            CecActivity activity = CecActivity.valueOf(String.valueOf(credit.inputs().get("activity")));
            post(key, AccountKind.CEC, activity.name(), account, person.cecRevisions.get(activity), credit,
                    credited(account.id, activity.name()));
        }
    }

    /**
     * Brings the account to the unit of the year's rule: hours become euros once, as their own linked pair of entries
     * (an account with no hours only changes unit). False, and the person left for later, when hours are held by
     * an open reservation.
     */
    private boolean inUnit(String key, AccountKind kind, AccountState account, Unit unit, HoursConversion.Kind hours) {
        if (account.unit == unit) {
            return true;
        }
        if (account.unit == Unit.EURO_CENTS) {
            // A year of hours re-run after the conversion: fine while nothing changed (see post).
            return true;
        }
        if (account.pending != 0) {
            leave(kind + " hours held by an open reservation");
            return false;
        }
        toEuros.add(account.id);
        account.unit = Unit.EURO_CENTS;
        if (account.balance == 0) {
            return true;
        }
        HoursConversion converted = rules.conversion().convert(hours, account.balance);
        UUID out = entryId(key + "/" + kind + "/conversion/out");
        UUID in = entryId(key + "/" + kind + "/conversion/in");
        Map<String, Object> inputs = Map.of("rate", converted.rate().value(), "rateSource", converted.rate().source(),
                "minutes", converted.minutesOut());
        String rule = kind.name().toLowerCase(Locale.ROOT) + ".conversion";
        entries.add(new NewEntry(out, account.id, EntryKind.CONVERSION_TO_EUROS, -converted.minutesOut(), 0,
                Unit.MINUTES, converted.date(), rule, converted.date().getYear(), converted.explanation(), inputs, null,
                in));
        entries.add(new NewEntry(in, account.id, EntryKind.CONVERSION_TO_EUROS, converted.centsIn(), 0,
                Unit.EURO_CENTS, converted.date(), rule, converted.date().getYear(), converted.explanation(), inputs,
                null, out));
        events.add(new RightsCredited(key, in, kind.name(), EntryKind.CONVERSION_TO_EUROS.name(), converted.centsIn(),
                Unit.EURO_CENTS.name(), converted.date().getYear(), converted.date()));
        account.balance = converted.centsIn();
        return true;
    }

    /**
     * The year's credit, or the correction from what was credited already; nothing when they agree. A correction
     * downwards never takes more than the available balance: rights already used are not taken back.
     */
    private void post(String key, AccountKind kind, String activity, AccountState account, long revisions,
            Credit credit, Credited already) {
        long difference = credit.amount() - already.amount();
        if (difference == 0) {
            return;
        }
        if (credit.unit() != account.unit) {
            leave(kind + ": a credit in hours on an account already in euros");
            return;
        }
        long amount = Math.max(difference, -(account.balance - account.pending));
        boolean first = !already.yearlyCreditWritten();
        EntryKind entryKind = first ? EntryKind.YEARLY_CREDIT : EntryKind.CORRECTION;
        // Revisions only grow, so (revisions, credit) names one state of the year's declarations: the same state
        // re-run finds its entry; any new state, even one returning to an earlier amount, gets a new one.
        UUID id = entryId(key + "/" + kind + (activity.isEmpty() ? "" : "/" + activity) + "/" + year + "/" + revisions
                + "/" + credit.amount());
        String explanation = first ? credit.explanation()
                : "Correction de " + credit.unit().format(Math.abs(difference))
                        + (difference > 0 ? " en plus" : " en moins") + " après une déclaration rectifiée : "
                        + credit.explanation();
        if (amount != difference) {
            explanation += " ; " + credit.unit().format(amount - difference)
                    + " déjà utilisés ne sont pas repris";
        }
        Map<String, Object> inputs = new LinkedHashMap<>(credit.audit());
        inputs.put("alreadyCredited", already.amount());
        entries.add(NewEntry.of(id, account.id, entryKind, amount, credit.unit(), credit.effectiveDate(), credit.rule(),
                year, explanation, inputs));
        events.add(new RightsCredited(key, id, kind.name(), entryKind.name(), amount, credit.unit().name(), year,
                credit.effectiveDate()));
        account.balance += amount;
    }

    private Credited credited(UUID account, String activity) {
        return credited.getOrDefault(account, Map.of()).getOrDefault(activity, Credited.NONE);
    }

    private void leave(String reason) {
        leftOut.merge(reason, 1, Integer::sum);
    }

    private static UUID entryId(String cause) {
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8));
    }

    // --- Facts, one statement each for the whole batch.

    private void loadAccounts(Connection connection, Array keys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT person_key, kind, id, unit, balance, pending, topped_up, birth_date, closed_on FROM account
                WHERE person_key = ANY(?) ORDER BY id FOR UPDATE""")) {
            select.setArray(1, keys);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Person person = persons.get(rows.getString(1));
                    person.accounts.put(AccountKind.valueOf(rows.getString(2)), new AccountState(
                            rows.getObject(3, UUID.class), Unit.valueOf(rows.getString(4)), rows.getLong(5),
                            rows.getLong(6), rows.getLong(7)));
                    person.birthDate = rows.getObject(8, LocalDate.class);
                    person.closedOn = rows.getObject(9, LocalDate.class);
                }
            }
        }
    }

    /**
     * The DIF still held on CPF accounts in hours: the hours entered less those spent, DIF hours being spent first
     * (loi 2014-288). Only years before the DIF counted toward the ceiling need it.
     */
    private void loadDifHeld(Connection connection, Array keys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT a.person_key, greatest(0, d.minutes - coalesce((SELECT -sum(e.amount) FROM account_entry e
                    WHERE e.account_id = a.id AND e.kind = 'RESERVATION_POSTED' AND e.unit = 'MINUTES'), 0))
                FROM account a JOIN dif_entry d ON d.account_id = a.id
                WHERE a.person_key = ANY(?) AND a.kind = 'CPF' AND a.unit = 'MINUTES'""")) {
            select.setArray(1, keys);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    persons.get(rows.getString(1)).accounts.get(AccountKind.CPF).difHeld = rows.getLong(2);
                }
            }
        }
    }

    private void loadEmployerYears(Connection connection, Array keys) throws SQLException {
        // Several employers: hours summed; the first employer (by SIRET) with its own full-time duration gives it.
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT person_key, sum(minutes_worked),
                    (array_agg(reference_minutes ORDER BY siret) FILTER (WHERE reference_minutes IS NOT NULL))[1],
                    bool_or(low_qualified), bool_or(contract_type = 'APPRENTICESHIP'), sum(revision),
                    bool_or(employer_sector = 'PUBLIC'),
                    coalesce(bool_and(reduced_duration_post) FILTER (WHERE employer_sector = 'PUBLIC'), false),
                    bool_or(public_category = 'C')
                FROM declaration WHERE year = ? AND person_key = ANY(?) GROUP BY person_key""")) {
            select.setInt(1, year);
            select.setArray(2, keys);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long reference = rows.getLong(3);
                    Long ownReference = rows.wasNull() ? null : reference;
                    persons.get(rows.getString(1)).employer = new EmployerYear(rows.getLong(2), ownReference,
                            rows.getBoolean(4), rows.getBoolean(5), rows.getLong(6), rows.getBoolean(7),
                            rows.getBoolean(8), rows.getBoolean(9));
                }
            }
        }
    }

    private void loadExposures(Connection connection, Array keys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT d.person_key, x->>'factor', (x->>'quarter')::int
                FROM declaration d, jsonb_array_elements(d.cpp_exposures) x
                WHERE d.year = ? AND d.person_key = ANY(?) AND d.cpp_exposures <> '[]'::jsonb""")) {
            select.setInt(1, year);
            select.setArray(2, keys);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    persons.get(rows.getString(1)).exposures.add(
                            CppQuarterExposure.of(year, rows.getInt(3), CppFactor.valueOf(rows.getString(2))));
                }
            }
        }
    }

    private void loadCecDeclarations(Connection connection, Array keys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT person_key, activity, measure, second_measure, revision FROM cec_declaration
                WHERE year = ? AND person_key = ANY(?) ORDER BY person_key, activity, declarer""")) {
            select.setInt(1, year);
            select.setArray(2, keys);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Person person = persons.get(rows.getString(1));
                    CecActivity activity = CecActivity.valueOf(rows.getString(2));
                    person.cec.add(new CecActivityDeclaration(activity, rows.getLong(3), rows.getLong(4)));
                    person.cecRevisions.merge(activity, rows.getLong(5), Long::sum);
                }
            }
        }
    }

    private void loadCredited(Connection connection) throws SQLException {
        Object[] accounts = persons.values().stream()
                .flatMap(p -> p.accounts.values().stream()).map(a -> a.id).toArray();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT account_id, coalesce(inputs->'inputs'->>'activity', ''), sum(amount),
                    bool_or(kind = 'YEARLY_CREDIT')
                FROM account_entry WHERE account_id = ANY(?) AND rule_year = ? AND kind IN ('YEARLY_CREDIT', 'CORRECTION')
                GROUP BY 1, 2""")) {
            select.setArray(1, connection.createArrayOf("uuid", accounts));
            select.setInt(2, year);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    credited.computeIfAbsent(rows.getObject(1, UUID.class), id -> new HashMap<>())
                            .put(rows.getString(2), new Credited(rows.getLong(3), rows.getBoolean(4)));
                }
            }
        }
    }

    /** Every point ever credited to the CPP accounts that may get some (the career ceiling counts them all). */
    private void loadEarnedPoints(Connection connection) throws SQLException {
        Set<UUID> exposed = new HashSet<>();
        persons.values().stream().filter(p -> !p.exposures.isEmpty())
                .forEach(p -> exposed.add(p.accounts.get(AccountKind.CPP).id));
        Object[] accounts = persons.values().stream().filter(p -> p.employer != null)
                .map(p -> p.accounts.get(AccountKind.CPP))
                .filter(a -> credited.containsKey(a.id) || exposed.contains(a.id)).map(a -> a.id).toArray();
        if (accounts.length == 0) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT account_id, sum(amount) FROM account_entry
                WHERE account_id = ANY(?) AND kind IN ('YEARLY_CREDIT', 'CORRECTION') GROUP BY 1""")) {
            select.setArray(1, connection.createArrayOf("uuid", accounts));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    earnedPoints.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        }
    }
}
