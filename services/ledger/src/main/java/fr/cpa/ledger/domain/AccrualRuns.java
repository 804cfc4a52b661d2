package fr.cpa.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

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
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.ledger.RightsCredited;

/**
 * The yearly accrual of private-sector employees' CPF and CPP (CEC and public servants come next). For each
 * person declared in the year, in person-key order and one transaction per batch: the hours of all employers are
 * summed, the year's rule computes the credit against the earned balance (the CPP: points for the quarters of
 * exposure, within the career ceiling), and the journal gets the credit — or, when
 * a declaration was replaced since, a correction of the difference. Entry ids derive from person, year and amount,
 * so re-running a year writes nothing new, and the cursor commits with the entries, so a killed run resumes.
 */
@ApplicationScoped
public class AccrualRuns {

    private static final Logger LOG = Logger.getLogger(AccrualRuns.class);
    private static final int BATCH = 200;

    public record RunStatus(int year, String status, int persons, int entries) {
    }

    private final DataSource dataSource;
    private final Journal journal;
    private final Outbox outbox;
    private final CpfRules cpfRules;
    private final CpfConversion conversion;
    private final CppRules cppRules;

    AccrualRuns(DataSource dataSource, Journal journal, Outbox outbox) {
        this.dataSource = dataSource;
        this.journal = journal;
        this.outbox = outbox;
        LedgerRuleBooks books = LedgerRuleBooks.load();
        this.cpfRules = new CpfRules(books);
        this.conversion = new CpfConversion(books);
        this.cppRules = new CppRules(books);
    }

    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "accrual-run"));
    private final java.util.Set<Integer> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Starts the run on the accrual thread; false when the year is already running in this instance. */
    public boolean submit(int year) {
        if (!running.add(year)) {
            return false;
        }
        worker.submit(() -> {
            try {
                run(year);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Accrual of %d stopped; starting it again resumes it", year);
            } finally {
                running.remove(year);
            }
        });
        return true;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Runs (or resumes, or re-runs) the year to its end. */
    public RunStatus run(int year) {
        Optional<String> cursor = QuarkusTransaction.requiringNew().call(() -> start(year));
        String after = cursor.orElse("");
        while (true) {
            String from = after;
            String last = QuarkusTransaction.requiringNew().call(() -> batch(year, from));
            if (last == null) {
                break;
            }
            after = last;
        }
        QuarkusTransaction.requiringNew().run(() -> update("UPDATE accrual_run SET status = 'DONE', finished_at = now()"
                + " WHERE year = ?", year));
        RunStatus status = status(year).orElseThrow();
        LOG.infof("Accrual of %d done: %d persons, %d entries", year, status.persons(), status.entries());
        return status;
    }

    public Optional<RunStatus> status(int year) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, persons, entries FROM accrual_run WHERE year = ?")) {
            select.setInt(1, year);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new RunStatus(year, row.getString(1), row.getInt(2), row.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor to resume from: after the last person done by an interrupted run, or from the start. */
    private Optional<String> start(int year) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO accrual_run (year, status) VALUES (?, 'RUNNING')
                        ON CONFLICT (year) DO UPDATE SET
                            last_person_key = CASE WHEN accrual_run.status = 'DONE' THEN NULL
                                ELSE accrual_run.last_person_key END,
                            persons = CASE WHEN accrual_run.status = 'DONE' THEN 0 ELSE accrual_run.persons END,
                            entries = CASE WHEN accrual_run.status = 'DONE' THEN 0 ELSE accrual_run.entries END,
                            status = 'RUNNING', finished_at = NULL
                        RETURNING last_person_key""")) {
            insert.setInt(1, year);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return Optional.ofNullable(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One batch of persons after the cursor; the last person key done, or null when none was left. */
    private String batch(int year, String after) {
        List<String> persons = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT DISTINCT person_key FROM declaration WHERE year = ? AND person_key > ?
                        ORDER BY person_key LIMIT ?""")) {
            select.setInt(1, year);
            select.setString(2, after);
            select.setInt(3, BATCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    persons.add(rows.getString(1));
                }
            }
            if (persons.isEmpty()) {
                return null;
            }
            int written = 0;
            for (String person : persons) {
                written += accrue(connection, year, person);
            }
            try (PreparedStatement cursor = connection.prepareStatement("""
                    UPDATE accrual_run SET last_person_key = ?, persons = persons + ?, entries = entries + ?
                    WHERE year = ?""")) {
                cursor.setString(1, persons.get(persons.size() - 1));
                cursor.setInt(2, persons.size());
                cursor.setInt(3, written);
                cursor.setInt(4, year);
                cursor.executeUpdate();
            }
            return persons.get(persons.size() - 1);
        } catch (SQLException e) {
            throw new IllegalStateException("Accrual batch failed", e);
        }
    }

    private record CpfAccount(UUID id, Unit unit, long balance, long pending, LocalDate birthDate,
            LocalDate closedOn) {

        /** What the rules know of the person: birth date, and death when the accounts were closed by one. */
        Holder holder() {
            Holder holder = Holder.bornOn(birthDate);
            return closedOn == null ? holder : holder.diedOn(closedOn);
        }
    }

    /** The entries written for one person's year (0 when everything was already there). */
    private int accrue(Connection connection, int year, String person) throws SQLException {
        CpfAccount account = cpfAccount(connection, person);
        Unit unit = cpfRules.unitFor(year, Population.PRIVATE_EMPLOYEE);
        int written = 0;
        if (account.unit() == Unit.MINUTES && unit == Unit.EURO_CENTS) {
            if (account.pending() != 0) {
                LOG.warnf("Accrual of %d: an account with open hour reservations is left for later", year);
                return 0;
            }
            written += convertToEuros(connection, person, account);
            account = cpfAccount(connection, person);
        } else if (account.unit() != unit) {
            LOG.warnf("Accrual of %d: hours declared after the conversion to euros are left for later", year);
            return 0;
        }
        if (account.birthDate() == null) {
            LOG.warnf("Accrual of %d: an account without a birth date is left for later", year);
            return written;
        }
        long minutes = 0;
        Long reference = null;
        boolean lowQualified = false;
        long revisions = 0;
        try (PreparedStatement declarations = connection.prepareStatement("""
                SELECT minutes_worked, reference_minutes, low_qualified, revision FROM declaration
                WHERE year = ? AND person_key = ? ORDER BY siret""")) {
            declarations.setInt(1, year);
            declarations.setString(2, person);
            try (ResultSet rows = declarations.executeQuery()) {
                while (rows.next()) {
                    minutes = Math.addExact(minutes, rows.getLong(1));
                    long ref = rows.getLong(2);
                    if (!rows.wasNull() && reference == null) {
                        reference = ref;
                    }
                    lowQualified |= rows.getBoolean(3);
                    revisions += rows.getInt(4);
                }
            }
        }
        Credited already = creditedFor(connection, account.id(), year);
        long earnedBefore = Math.max(0, account.balance() - already.amount());
        Credit credit = cpfRules.credit(CpfYearInput.of(year, Population.PRIVATE_EMPLOYEE, account.holder())
                .withWorkedMinutes(minutes).withReferenceMinutes(reference).withLowQualified(lowQualified)
                .withEarnedBalance(earnedBefore));
        written += post(connection, person, AccountKind.CPF, account.id(), year, revisions, credit, already);
        written += accrueCpp(connection, year, person, account.holder(), revisions);
        return written;
    }

    /** CPP points for the quarters of exposure the employers declared (merged when several declared one quarter). */
    private int accrueCpp(Connection connection, int year, String person, Holder holder, long revisions)
            throws SQLException {
        List<CppQuarterExposure> exposures = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT x->>'factor', (x->>'quarter')::int FROM declaration d, jsonb_array_elements(d.cpp_exposures) x
                WHERE d.year = ? AND d.person_key = ?""")) {
            select.setInt(1, year);
            select.setString(2, person);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    exposures.add(CppQuarterExposure.of(year, rows.getInt(2), CppFactor.valueOf(rows.getString(1))));
                }
            }
        }
        UUID account = accountId(connection, person, AccountKind.CPP);
        Credited already = creditedFor(connection, account, year);
        if (exposures.isEmpty() && already.amount() == 0) {
            return 0;
        }
        long career = Math.max(0, earnedPoints(connection, account) - already.amount());
        Credit credit = cppRules.yearCredit(year, holder, exposures, career);
        return post(connection, person, AccountKind.CPP, account, year, revisions, credit, already);
    }

    /**
     * Writes the year's credit, or the correction from what was credited already; nothing when they agree. The
     * entry's id names the state of the declarations, so a re-run finds it.
     */
    private int post(Connection connection, String person, AccountKind accountKind, UUID account, int year,
            long revisions, Credit credit, Credited already) throws SQLException {
        long difference = credit.amount() - already.amount();
        if (difference == 0) {
            return 0;
        }
        boolean first = !already.yearlyCreditWritten();
        EntryKind kind = first ? EntryKind.YEARLY_CREDIT : EntryKind.CORRECTION;
        // Revisions only grow, so (revisions, credit) names one state of the year's declarations: the same state
        // re-run finds its entry; any new state, even one returning to an earlier amount, gets a new one.
        UUID entryId = UUID.nameUUIDFromBytes((person + "/" + accountKind + "/" + year + "/" + revisions + "/"
                + credit.amount()).getBytes(StandardCharsets.UTF_8));
        String explanation = first ? credit.explanation()
                : "Correction de " + credit.unit().format(Math.abs(difference)) + (difference > 0 ? " en plus" : " en moins")
                        + " après une déclaration rectifiée : " + credit.explanation();
        Map<String, Object> inputs = new LinkedHashMap<>(credit.audit());
        inputs.put("alreadyCredited", already.amount());
        if (!journal.append(NewEntry.of(entryId, account, kind, difference, credit.unit(), credit.effectiveDate(),
                credit.rule(), year, explanation, inputs))) {
            return 0;
        }
        outbox.append(Topics.LEDGER_ACCOUNTS, new RightsCredited(person, entryId, accountKind.name(), kind.name(),
                difference, credit.unit().name(), year, credit.effectiveDate()));
        return 1;
    }

    /**
     * The one conversion of the account's hours to euros (1 January 2019): hours out and euros in, linked. An account
     * with no hours only changes unit: two zero entries would explain nothing.
     */
    private int convertToEuros(Connection connection, String person, CpfAccount account) throws SQLException {
        if (account.balance() == 0) {
            switchToEuros(connection, account.id());
            return 0;
        }
        HoursConversion converted = conversion.convert(HoursConversion.Kind.CPF_HOURS, account.balance());
        UUID out = UUID.nameUUIDFromBytes((person + "/CPF/conversion/out").getBytes(StandardCharsets.UTF_8));
        UUID in = UUID.nameUUIDFromBytes((person + "/CPF/conversion/in").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> inputs = Map.of("rate", converted.rate().value(), "rateSource", converted.rate().source(),
                "minutes", converted.minutesOut());
        boolean wrote = journal.append(new NewEntry(out, account.id(), EntryKind.CONVERSION_TO_EUROS,
                -converted.minutesOut(), 0, Unit.MINUTES, converted.date(), "cpf.conversion",
                converted.date().getYear(), converted.explanation(), inputs, null, in));
        journal.append(new NewEntry(in, account.id(), EntryKind.CONVERSION_TO_EUROS, converted.centsIn(), 0,
                Unit.EURO_CENTS, converted.date(), "cpf.conversion", converted.date().getYear(),
                converted.explanation(), inputs, null, out));
        switchToEuros(connection, account.id());
        if (wrote) {
            outbox.append(Topics.LEDGER_ACCOUNTS, new RightsCredited(person, in, AccountKind.CPF.name(),
                    EntryKind.CONVERSION_TO_EUROS.name(), converted.centsIn(), Unit.EURO_CENTS.name(),
                    converted.date().getYear(), converted.date()));
        }
        return wrote ? 2 : 0;
    }

    private static void switchToEuros(Connection connection, UUID account) throws SQLException {
        try (PreparedStatement unit = connection.prepareStatement("UPDATE account SET unit = 'EURO_CENTS' WHERE id = ?")) {
            unit.setObject(1, account);
            unit.executeUpdate();
        }
    }

    private static CpfAccount cpfAccount(Connection connection, String person) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, unit, balance, pending, birth_date, closed_on FROM account WHERE person_key = ? AND kind = 'CPF'
                FOR UPDATE""")) {
            select.setString(1, person);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new CpfAccount(row.getObject(1, UUID.class), Unit.valueOf(row.getString(2)), row.getLong(3),
                        row.getLong(4), row.getObject(5, LocalDate.class), row.getObject(6, LocalDate.class));
            }
        }
    }

    private static UUID accountId(Connection connection, String person, AccountKind kind) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM account WHERE person_key = ? AND kind = ?")) {
            select.setString(1, person);
            select.setString(2, kind.name());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }

    /** Every point ever credited to the CPP (the career ceiling counts them all, spent or not). */
    private static long earnedPoints(Connection connection, UUID account) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT coalesce(sum(amount), 0) FROM account_entry
                WHERE account_id = ? AND kind IN ('YEARLY_CREDIT', 'CORRECTION')""")) {
            select.setObject(1, account);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** What the year already gave the account (credit and corrections), and whether its yearly credit is written. */
    private record Credited(long amount, boolean yearlyCreditWritten) {
    }

    private static Credited creditedFor(Connection connection, UUID account, int year) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT coalesce(sum(amount), 0), coalesce(bool_or(kind = 'YEARLY_CREDIT'), false) FROM account_entry
                WHERE account_id = ? AND rule_year = ? AND kind IN ('YEARLY_CREDIT', 'CORRECTION')""")) {
            select.setObject(1, account);
            select.setInt(2, year);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Credited(row.getLong(1), row.getBoolean(2));
            }
        }
    }

    private void update(String sql, int year) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, year);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
