package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import fr.cpa.ledger.domain.rules.CecRules;
import fr.cpa.ledger.domain.rules.CpfConversion;
import fr.cpa.ledger.domain.rules.CpfRules;
import fr.cpa.ledger.domain.rules.CppRules;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;

/**
 * The yearly accrual: every person with a declaration of the year (employers' for the CPF and CPP, certifying bodies'
 * for the CEC) gets the year's credits, in person-key order, a batch of persons per transaction (see
 * {@link AccrualBatch}). The cursor commits with the batch's entries, so a run killed in the middle resumes after the
 * last batch written; entry ids derive from person, year and the state of the declarations, so re-running a year
 * writes nothing new and a replaced declaration gets a correction.
 */
@ApplicationScoped
public class AccrualRuns {

    private static final Logger LOG = Logger.getLogger(AccrualRuns.class);
    private static final int BATCH = 1000;

    public record RunStatus(int year, String status, int persons, int entries) {
    }

    private final DataSource dataSource;
    private final Accounts accounts;
    private final HolderSituations situations;
    private final Journal journal;
    private final Outbox outbox;
    private final AccrualBatch.Rules rules;

    AccrualRuns(DataSource dataSource, Accounts accounts, HolderSituations situations, Journal journal, Outbox outbox) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.situations = situations;
        this.journal = journal;
        this.outbox = outbox;
        LedgerRuleBooks books = LedgerRuleBooks.load();
        this.rules = new AccrualBatch.Rules(new CpfRules(books), new CecRules(books), new CppRules(books),
                new CpfConversion(books));
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "accrual-run"));
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();

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

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Runs (or resumes, or re-runs) the year to its end. */
    public RunStatus run(int year) {
        Optional<String> cursor = QuarkusTransaction.requiringNew().call(() -> start(year));
        String after = cursor.orElse("");
        long[] nanos = new long[3];
        long started = System.nanoTime();
        while (true) {
            String from = after;
            String last = QuarkusTransaction.requiringNew().call(() -> batch(year, from, nanos));
            if (last == null) {
                break;
            }
            after = last;
        }
        QuarkusTransaction.requiringNew().run(() -> update("UPDATE accrual_run SET status = 'DONE', finished_at = now()"
                + " WHERE year = ?", year));
        RunStatus status = status(year).orElseThrow();
        // Where the time went, for whoever tunes it: reading and computing, writing the journal, writing the events.
        LOG.infof("Accrual of %d done: %d persons, %d entries in %d s (read and compute %d s, journal %d s, events %d s)",
                year, status.persons(), status.entries(), seconds(System.nanoTime() - started), seconds(nanos[0]),
                seconds(nanos[1]), seconds(nanos[2]));
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
    private String batch(int year, String after, long[] nanos) {
        try (Connection connection = dataSource.getConnection()) {
            long start = System.nanoTime();
            List<String> persons = nextPersons(connection, year, after);
            if (persons.isEmpty()) {
                return null;
            }
            AccrualBatch.Outcome outcome = new AccrualBatch(rules, year, situations.historiesOf(persons))
                    .compute(connection, persons);
            long computed = System.nanoTime();
            Set<UUID> written = journal.appendAll(outcome.entries());
            accounts.switchToEuros(outcome.toEuros());
            long journaled = System.nanoTime();
            outbox.appendAll(Topics.LEDGER_ACCOUNTS,
                    outcome.events().stream().filter(e -> written.contains(e.entryId())).toList());
            nanos[0] += computed - start;
            nanos[1] += journaled - computed;
            nanos[2] += System.nanoTime() - journaled;
            outcome.leftOut().forEach((reason, count) -> LOG.warnf("Accrual of %d: %d person(s) left for later (%s)",
                    year, count, reason));
            try (PreparedStatement cursor = connection.prepareStatement("""
                    UPDATE accrual_run SET last_person_key = ?, persons = persons + ?, entries = entries + ?
                    WHERE year = ?""")) {
                cursor.setString(1, persons.get(persons.size() - 1));
                cursor.setInt(2, persons.size());
                cursor.setInt(3, written.size());
                cursor.setInt(4, year);
                cursor.executeUpdate();
            }
            return persons.get(persons.size() - 1);
        } catch (SQLException e) {
            throw new IllegalStateException("Accrual batch failed", e);
        }
    }

    /**
     * The next persons declared in the year after the cursor, by employers or certifying bodies: each table gives its
     * next ones in key order (an index range scan that stops early), and the merge keeps only keys below the point
     * where a full list stopped, so nobody is skipped.
     */
    private static List<String> nextPersons(Connection connection, int year, String after) throws SQLException {
        TreeSet<String> merged = new TreeSet<>();
        String bound = null;
        for (String table : List.of("declaration", "cec_declaration")) {
            List<String> next = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT person_key FROM " + table
                    + " WHERE year = ? AND person_key > ? ORDER BY person_key LIMIT ?")) {
                select.setInt(1, year);
                select.setString(2, after);
                select.setInt(3, BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        next.add(rows.getString(1));
                    }
                }
            }
            merged.addAll(next);
            if (next.size() == BATCH) {
                String last = next.get(BATCH - 1);
                bound = bound == null || last.compareTo(bound) < 0 ? last : bound;
            }
        }
        NavigableSet<String> complete = bound == null ? merged : merged.headSet(bound, true);
        return complete.stream().limit(BATCH).toList();
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
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
