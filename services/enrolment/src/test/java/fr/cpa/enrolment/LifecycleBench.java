package fr.cpa.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.ServiceProcess;
import fr.cpa.platform.testing.Tokens;

/**
 * {@code make bench}: full training applications per second through the gateway (submit → accept → confirm with the
 * ledger's hold → entry → completion → the ledger's debit), and the latency from the holder's confirmation to the
 * ledger's FundsReserved being applied, p50 and p99, against PostgreSQL alone doing the same writes in the same
 * number of transactions. Time moves with the test's clock between the steps that need dates (entry on the start
 * day, completion after the end): no step waits for a real day. Not a test (named *Bench, outside surefire's
 * default includes); writes bench/results/enrolment.{txt,json}.
 */
@QuarkusTest
@QuarkusTestResource(Platform.class)
class LifecycleBench {

    private static final int LIFECYCLES = Integer.getInteger("bench.lifecycles", 120);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 12);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final LocalDate STARTS = LocalDate.now().plusDays(45);
    private static final LocalDate ENDS = STARTS.plusDays(10);

    @AfterAll
    static void cleanUp() {
        MutableClock.reset();
        People.deleteLogins();
    }

    private record Applicant(People.Holder holder, String token, String strongToken) {
    }

    /** One lifecycle's application and the instants its confirmation was sent and seen confirmed. */
    private record Timed(UUID id, Instant confirmSent, Instant confirmedSeen) {
    }

    @Test
    void lifecycles() throws Exception {
        MutableClock.reset();
        int enrolmentPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (ServiceProcess gateway = ServiceProcess.start("gateway", Map.of(
                "cpa.gateway.routes.enrolment.url", "http://127.0.0.1:" + enrolmentPort,
                "cpa.gateway.routes.ledger.url", Platform.ledger.url(),
                "cpa.gateway.routes.catalogue.url", Platform.catalogue.url(),
                "cpa.gateway.rate-limit.enabled", "false"), Duration.ofSeconds(120))) {
            String base = gateway.url();
            Offers.Session session = Offers.session(80_000, 70, STARTS, ENDS, LIFECYCLES + 10, false);
            List<Applicant> applicants = parallel(LIFECYCLES, i -> {
                People.Holder holder = People.employee();
                Money.cpf(holder, 200_000);
                return new Applicant(holder, holder.token(), holder.strongToken());
            });
            String org = Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT);
            warmUp(base, org);

            // Up to the ledger's hold, each holder on their own.
            long start = System.nanoTime();
            List<Timed> confirmed = parallel(LIFECYCLES, i -> {
                Applicant a = applicants.get(i);
                UUID id = UUID.fromString(json(send(base, "POST", "/api/enrolment/applications", a.token(),
                        "{\"offerId\":\"" + session.offerId() + "\",\"sessionId\":\"" + session.sessionId()
                                + "\",\"workingTime\":\"NONE\",\"rights\":{\"cpf\":true}}", 201), "id"));
                send(base, "POST", "/api/enrolment/organisation/applications/" + id + "/proposal", org, "{}", 200);
                Instant sent = Instant.now();
                send(base, "POST", "/api/enrolment/applications/" + id + "/confirmation", a.strongToken(), null, 200);
                awaitState(base, a.token(), id, "CONFIRMED");
                return new Timed(id, sent, Instant.now());
            });
            long confirmingNanos = System.nanoTime() - start;
            MutableClock.today(STARTS);
            long entering = System.nanoTime();
            parallel(LIFECYCLES, i -> send(base, "POST", "/api/enrolment/organisation/applications/"
                    + confirmed.get(i).id() + "/entry", org, null, 200));
            long enteringNanos = System.nanoTime() - entering;
            MutableClock.today(ENDS.plusDays(1));
            long completing = System.nanoTime();
            parallel(LIFECYCLES, i -> {
                UUID id = confirmed.get(i).id();
                send(base, "POST", "/api/enrolment/organisation/applications/" + id + "/completion", org,
                        "{\"attendedHours\":70}", 200);
                awaitState(base, applicants.get(i).token(), id, "SERVICE_VALIDATED");
                return null;
            });
            long completingNanos = System.nanoTime() - completing;
            double oursSeconds = (confirmingNanos + enteringNanos + completingNanos) / 1e9;

            List<Double> reservedMs = reservationLatencies(confirmed);
            List<Double> seenMs = new ArrayList<>(confirmed.stream()
                    .map(t -> Duration.between(t.confirmSent(), t.confirmedSeen()).toNanos() / 1e6).toList());
            Collections.sort(reservedMs);
            Collections.sort(seenMs);
            assertEquals(LIFECYCLES, Db.number(Db.ENROLMENT, "SELECT count(*) FROM application WHERE session_id = ? "
                    + "AND state = 'SERVICE_VALIDATED'", session.sessionId()), "every lifecycle reached the debit");

            double rawSeconds = RawLifecycles.run(LIFECYCLES, CONCURRENCY);
            report(oursSeconds, rawSeconds, reservedMs, seenMs);
        }
    }

    /** A few requests of each kind first, so the first lifecycles do not pay for class loading. */
    private static void warmUp(String base, String org) throws Exception {
        for (int i = 0; i < 20; i++) {
            send(base, "GET", "/api/enrolment/organisation/applications?size=1", org, null, 200);
        }
    }

    /**
     * From the moment the enrolment service recorded the confirmation (PAYMENT_PENDING) to the moment it applied the
     * ledger's FundsReserved (CONFIRMED), both instants written in its transition log.
     */
    private static List<Double> reservationLatencies(List<Timed> confirmed) throws SQLException {
        List<Double> latencies = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + Db.ENROLMENT,
                "postgres", "");
                PreparedStatement select = connection.prepareStatement("""
                        SELECT extract(epoch FROM c.at - p.at) * 1000
                        FROM application_transition p JOIN application_transition c
                          ON c.application_id = p.application_id AND c.from_state = 'PAYMENT_PENDING'
                         AND c.to_state = 'CONFIRMED'
                        WHERE p.application_id = ? AND p.to_state = 'PAYMENT_PENDING'""")) {
            for (Timed timed : confirmed) {
                select.setObject(1, timed.id());
                try (var row = select.executeQuery()) {
                    row.next();
                    latencies.add(row.getDouble(1));
                }
            }
        }
        return latencies;
    }

    private static void report(double oursSeconds, double rawSeconds, List<Double> reservedMs, List<Double> seenMs)
            throws IOException {
        double ours = LIFECYCLES / oursSeconds;
        double raw = LIFECYCLES / rawSeconds;
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        String json = String.format(Locale.ROOT, "{\"lifecycles\":%d,\"concurrency\":%d,"
                + "\"ours\":{\"lifecycles_per_s\":%.2f,\"seconds\":%.2f},"
                + "\"raw\":{\"lifecycles_per_s\":%.2f,\"seconds\":%.3f},\"throughput_ratio\":%.4f,"
                + "\"confirmation_to_funds_reserved_ms\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f},"
                + "\"confirmation_to_confirmed_seen_by_client_ms\":{\"p50\":%.1f,\"p99\":%.1f},"
                + "\"target_p99_ms\":200,\"cores\":%d,\"load_average_1min\":%s,\"at\":\"%s\"}%n",
                LIFECYCLES, CONCURRENCY, ours, oursSeconds, raw, rawSeconds, ours / raw,
                percentile(reservedMs, 50), percentile(reservedMs, 99), reservedMs.get(reservedMs.size() - 1),
                percentile(seenMs, 50), percentile(seenMs, 99), Runtime.getRuntime().availableProcessors(), load,
                Instant.now());
        String text = String.format(Locale.ROOT, """
                training applications, whole lifecycles — %s, %d cores, load %s
                ours: %d lifecycles by %d holders at once through the gateway (submit, the organisation's proposal,
                  the confirmation with a strong login and the ledger's hold over Kafka, entry, completion and the
                  ledger's debit): %.2f lifecycles/s (%.1f s)
                raw:  PostgreSQL alone doing the same rows in the same transactions, %d connections at once:
                  %.2f lifecycles/s; ours / raw = %.4f
                confirmation recorded -> FundsReserved applied (enrolment's own transition log): p50 %.1f ms,
                  p99 %.1f ms (target p99 < 200 ms); as the client saw it (polling every 20 ms): p50 %.1f ms,
                  p99 %.1f ms
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), load, LIFECYCLES, CONCURRENCY, ours,
                oursSeconds, CONCURRENCY, raw, ours / raw, percentile(reservedMs, 50), percentile(reservedMs, 99),
                percentile(seenMs, 50), percentile(seenMs, 99));
        Path results = Path.of(System.getProperty("bench.results", "../../bench/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("enrolment.json"), json);
        Files.writeString(results.resolve("enrolment.txt"), text);
        System.out.print(text);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private interface Work<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> parallel(int n, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> work.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String send(String base, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        if ("POST".equals(method)) {
            request.header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static void awaitState(String base, String token, UUID id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String body = send(base, "GET", "/api/enrolment/applications/" + id, token, null, 200);
            if (body.contains("\"code\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("application " + id + " never reached " + state);
    }

    private static String json(String body, String field) {
        return io.restassured.path.json.JsonPath.from(body).getString(field);
    }

    /**
     * The raw side: what a lifecycle writes, as plain SQL on scratch tables of the same shapes, in as many
     * transactions as the services use (one per step on each side of the saga), from the same number of connections.
     */
    static final class RawLifecycles {

        private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + Db.ENROLMENT;

        static double run(int lifecycles, int concurrency) throws Exception {
            try (Connection connection = DriverManager.getConnection(DB_URL, "postgres", "");
                    Statement ddl = connection.createStatement()) {
                ddl.execute("DROP SCHEMA IF EXISTS bench_raw CASCADE");
                ddl.execute("CREATE SCHEMA bench_raw");
                ddl.execute("CREATE TABLE bench_raw.application (id uuid PRIMARY KEY, state text, plan jsonb, "
                        + "updated_at timestamptz)");
                ddl.execute("CREATE TABLE bench_raw.transition (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "application_id uuid, from_state text, to_state text, at timestamptz, reason text)");
                ddl.execute("CREATE TABLE bench_raw.outbox (id uuid PRIMARY KEY, payload jsonb, created_at timestamptz)");
                ddl.execute("CREATE TABLE bench_raw.seats (id int PRIMARY KEY, capacity int, booked int)");
                ddl.execute("INSERT INTO bench_raw.seats VALUES (1, 1000000, 0)");
                ddl.execute("CREATE TABLE bench_raw.account (id uuid PRIMARY KEY, balance bigint, pending bigint)");
                ddl.execute("CREATE TABLE bench_raw.reservation (id uuid PRIMARY KEY, account_id uuid, amount bigint, "
                        + "status text)");
                ddl.execute("CREATE TABLE bench_raw.entry (id uuid PRIMARY KEY, account_id uuid, amount bigint, "
                        + "explanation text)");
            }
            List<UUID> accounts = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(DB_URL, "postgres", "");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO bench_raw.account VALUES (?, 200000, 0)")) {
                for (int i = 0; i < lifecycles; i++) {
                    UUID id = UUID.randomUUID();
                    accounts.add(id);
                    insert.setObject(1, id);
                    insert.executeUpdate();
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (UUID account : accounts) {
                    done.add(pool.submit(() -> {
                        try (Connection connection = DriverManager.getConnection(DB_URL, "postgres", "")) {
                            lifecycle(connection, account);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Connection connection = DriverManager.getConnection(DB_URL, "postgres", "");
                    Statement ddl = connection.createStatement()) {
                ddl.execute("DROP SCHEMA bench_raw CASCADE");
            }
            return seconds;
        }

        private static void lifecycle(Connection c, UUID account) throws SQLException {
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            UUID reservation = UUID.randomUUID();
            // submit: the application, its first step, ApplicationSubmitted
            exec(c, "INSERT INTO bench_raw.application VALUES (?, 'SUBMITTED', '{\"cpf\":69680}', now())", id);
            step(c, id, null, "SUBMITTED");
            outbox(c);
            c.commit();
            // proposal
            move(c, id, "SUBMITTED", "PROPOSED");
            c.commit();
            // confirmation: state, seat, ApplicationAccepted
            move(c, id, "PROPOSED", "PAYMENT_PENDING");
            exec(c, "UPDATE bench_raw.seats SET booked = booked + 1 WHERE id = 1 AND booked < capacity");
            outbox(c);
            c.commit();
            // the ledger's hold and FundsReserved
            exec(c, "SELECT balance FROM bench_raw.account WHERE id = ? FOR UPDATE", account);
            exec(c, "UPDATE bench_raw.account SET pending = pending + 69680 WHERE id = ?", account);
            exec(c, "INSERT INTO bench_raw.reservation VALUES (?, ?, 69680, 'PENDING')", reservation, account);
            exec(c, "INSERT INTO bench_raw.entry VALUES (?, ?, 0, 'réservation')", UUID.randomUUID(), account);
            outbox(c);
            c.commit();
            move(c, id, "PAYMENT_PENDING", "CONFIRMED");
            c.commit();
            // entry, completion and TrainingCompleted
            move(c, id, "CONFIRMED", "IN_TRAINING");
            c.commit();
            move(c, id, "IN_TRAINING", "COMPLETED");
            outbox(c);
            c.commit();
            // the ledger's debit and FundsDebited
            exec(c, "SELECT status FROM bench_raw.reservation WHERE id = ? FOR UPDATE", reservation);
            exec(c, "UPDATE bench_raw.reservation SET status = 'POSTED' WHERE id = ?", reservation);
            exec(c, "INSERT INTO bench_raw.entry VALUES (?, ?, -69680, 'débit')", UUID.randomUUID(), account);
            exec(c, "UPDATE bench_raw.account SET balance = balance - 69680, pending = pending - 69680 WHERE id = ?",
                    account);
            outbox(c);
            c.commit();
            move(c, id, "COMPLETED", "SERVICE_VALIDATED");
            c.commit();
        }

        private static void move(Connection c, UUID id, String from, String to) throws SQLException {
            exec(c, "SELECT state FROM bench_raw.application WHERE id = ? FOR UPDATE", id);
            exec(c, "UPDATE bench_raw.application SET state = ?, updated_at = now() WHERE id = ?", to, id);
            step(c, id, from, to);
        }

        private static void step(Connection c, UUID id, String from, String to) throws SQLException {
            exec(c, "INSERT INTO bench_raw.transition (application_id, from_state, to_state, at, reason) "
                    + "VALUES (?, ?, ?, now(), 'étape')", id, from, to);
        }

        private static void outbox(Connection c) throws SQLException {
            exec(c, "INSERT INTO bench_raw.outbox VALUES (?, '{\"type\":\"event\"}', now())", UUID.randomUUID());
        }

        private static void exec(Connection c, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
        }
    }
}
