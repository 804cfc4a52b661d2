package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import fr.cpa.ledger.domain.rules.CpfRules;
import fr.cpa.ledger.domain.rules.CpfYearInput;
import fr.cpa.ledger.domain.rules.Holder;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Population;
import fr.cpa.platform.testing.ServiceProcess;
import fr.cpa.platform.testing.Tokens;

/**
 * The packaged ledger, killed (SIGKILL) in the middle of a yearly accrual, then started again: the run resumes and
 * ends with exactly the credits an uninterrupted run gives, each once, each with its one event, and re-running the
 * year writes nothing.
 */
class AccrualKilledIT {

    private static final int YEAR = 2016;
    private static final int PERSONS = 20_000;
    /** Hours worked in 2016, in minutes: full time, half time, 400 h, a little over full time. */
    private static final long[] WORKED = { 96_420, 48_210, 24_000, 100_000 };
    private static final LocalDate BORN = LocalDate.of(1980, 3, 1);

    private final String run = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void aRunKilledInTheMiddleResumesAndEndsWithTheSameResult() throws Exception {
        // Consumers off: this instance only accrues (and publishes what it writes).
        Map<String, String> config = Map.of("mp.messaging.incoming.identity-holders.enabled", "false",
                "mp.messaging.incoming.enrolment-applications.enabled", "false");
        int before;
        try (ServiceProcess ledger = ServiceProcess.start("ledger", config, Duration.ofSeconds(90))) {
            createPersons(); // once the service has migrated the schema
            startRun(ledger);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (mine("SELECT count(*) FROM account_entry e JOIN account a ON a.id = e.account_id"
                    + " WHERE a.person_key LIKE ? AND e.rule_year = " + YEAR) < PERSONS / 4) {
                assertTrue(System.nanoTime() < deadline, "the run did not get a quarter of the way");
                Thread.sleep(20);
            }
            ledger.kill();
            before = (int) mine("SELECT count(*) FROM account_entry e JOIN account a ON a.id = e.account_id"
                    + " WHERE a.person_key LIKE ? AND e.rule_year = " + YEAR);
        }
        assertEquals("RUNNING", status(), "killed while running");
        assertTrue(before < PERSONS, "killed before the end: " + before + " of " + PERSONS + " credited");
        System.out.printf("Accrual killed after %d of %d persons credited; resuming%n", before, PERSONS);

        try (ServiceProcess ledger = ServiceProcess.start("ledger", config, Duration.ofSeconds(90))) {
            startRun(ledger);
            awaitDone();
            assertResult();
            // Once more, whole: nothing new.
            startRun(ledger);
            awaitDone();
            assertResult();
        }
    }

    /** Every person credited once, with what the rules give, balances equal to the journal, one event per entry. */
    private void assertResult() throws SQLException {
        CpfRules rules = new CpfRules(LedgerRuleBooks.load());
        Map<Long, Long> expected = new java.util.HashMap<>();
        for (long worked : WORKED) {
            expected.put(worked, rules.credit(CpfYearInput.of(YEAR, Population.PRIVATE_EMPLOYEE, Holder.bornOn(BORN))
                    .withWorkedMinutes(worked).withEarnedBalance(0)).amount());
        }
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT d.minutes_worked, count(e.id), coalesce(sum(e.amount), 0), a.balance,
                            count(e.id) FILTER (WHERE e.kind = 'YEARLY_CREDIT')
                        FROM declaration d JOIN account a ON a.person_key = d.person_key AND a.kind = 'CPF'
                        LEFT JOIN account_entry e ON e.account_id = a.id
                        WHERE d.person_key LIKE ? AND d.year = ?
                        GROUP BY d.person_key, d.minutes_worked, a.balance""")) {
            select.setString(1, run + "%");
            select.setInt(2, YEAR);
            List<String> wrong = new ArrayList<>();
            int persons = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    persons++;
                    long credit = expected.get(rows.getLong(1));
                    if (rows.getLong(2) != 1 || rows.getLong(5) != 1 || rows.getLong(3) != credit
                            || rows.getLong(4) != credit) {
                        wrong.add(rows.getLong(1) + " min: " + rows.getLong(2) + " entries, sum " + rows.getLong(3)
                                + ", balance " + rows.getLong(4) + ", expected " + credit);
                    }
                }
            }
            assertEquals(PERSONS, persons);
            assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " persons wrong");
        }
        assertEquals(PERSONS, mine("""
                SELECT count(DISTINCT payload->'payload'->>'entryId') FROM platform_outbox_event
                WHERE type = 'RightsCredited' AND key LIKE ?"""), "one event per entry");
        assertEquals(PERSONS, mine("SELECT count(*) FROM platform_outbox_event WHERE type = 'RightsCredited' AND key LIKE ?"),
                "and no event twice");
    }

    private void startRun(ServiceProcess ledger) {
        given().baseUri(ledger.url()).auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON)
                .body(Map.of("year", YEAR)).post("/api/ledger/accrual-runs").then().statusCode(202);
    }

    private void awaitDone() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!"DONE".equals(status())) {
            assertTrue(System.nanoTime() < deadline, "the run did not finish");
            Thread.sleep(100);
        }
    }

    /** Persons with their accounts and one declaration of the year each, written straight into the database. */
    private void createPersons() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement accounts = connection.prepareStatement("""
                        INSERT INTO account (id, person_key, kind, unit, birth_date)
                        SELECT gen_random_uuid(), ? || lpad(i::text, 6, '0'), k,
                            CASE k WHEN 'CPP' THEN 'POINTS' ELSE 'MINUTES' END, ?
                        FROM generate_series(1, ?) i, unnest(ARRAY['CPF', 'CEC', 'CPP']) k""");
                PreparedStatement declarations = connection.prepareStatement("""
                        INSERT INTO declaration (id, siret, year, person_key, minutes_worked, contract_type, low_qualified)
                        SELECT gen_random_uuid(), '73282932000074', ?, ? || lpad(i::text, 6, '0'),
                            (?::bigint[])[1 + i % 4], 'PERMANENT', false
                        FROM generate_series(1, ?) i""")) {
            accounts.setString(1, run);
            accounts.setObject(2, BORN);
            accounts.setInt(3, PERSONS);
            accounts.executeUpdate();
            declarations.setInt(1, YEAR);
            declarations.setString(2, run);
            declarations.setArray(3, connection.createArrayOf("int8",
                    java.util.Arrays.stream(WORKED).boxed().toArray()));
            declarations.setInt(4, PERSONS);
            declarations.executeUpdate();
        }
    }

    private String status() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT status FROM accrual_run WHERE year = ?")) {
            select.setInt(1, YEAR);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** A count over this run's persons (the query's one parameter is their key pattern). */
    private long mine(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, run + "%");
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The database the ledger uses, as the service's own configuration names it. */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                env("CPA_LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpa_ledger"),
                env("CPA_LEDGER_DB_USER", "cpa_ledger"), env("CPA_LEDGER_DB_PASSWORD", "cpa_ledger"));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
