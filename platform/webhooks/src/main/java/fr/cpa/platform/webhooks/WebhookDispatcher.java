package fr.cpa.platform.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * POSTs the due deliveries to their receivers. A run claims a small batch with {@code FOR UPDATE SKIP LOCKED} and
 * moves its rows' next attempt a lease ahead, in a short transaction of its own; the batch is then POSTed in
 * parallel with no lock held, and each outcome recorded in a transaction of its own. Instances share the work; one
 * that dies during a batch leaves its rows to be tried again once the lease is over (at least once: receivers dedupe
 * on {@code webhook-id}).
 *
 * <p>2xx is delivered. Anything else (another status, no answer in time, no connection, an address refused) is
 * attempted again after the next pause of {@code cpa.webhooks.backoff}, with jitter, until
 * {@code cpa.webhooks.give-up-after} past the first attempt; then the delivery is FAILED. Every attempt is logged in
 * {@code platform_webhook_attempt}: status, or the failure's class, duration and at most 200 characters of the
 * answer. Logs name a delivery by its id, its subscription's id and its type, never by its URL (some carry tokens),
 * its body or a secret.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Batches at most per run, so that a run ends and the next one starts from the oldest due again. */
    private static final int MAX_BATCHES = 20;
    private static final String USER_AGENT = "cpa-platform-webhooks/1";

    private final DataSource dataSource;
    private final SecretBox box;
    private final WebhooksConfig config;
    private final HttpClient client;
    private final RandomGenerator random = RandomGenerator.getDefault();

    WebhookDispatcher(DataSource dataSource, SecretBox box, WebhooksConfig config) {
        this.dataSource = dataSource;
        this.box = box;
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Runs on a worker thread. Overlapping runs are skipped in one instance; other instances' runs may overlap. */
    @Scheduled(identity = "cpa-webhooks-dispatcher", every = "${cpa.webhooks.interval}",
            concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = WebhooksDisabled.class)
    void scheduled() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // The database is away, say: the next run tries again. Statements carry no body and no secret.
            LOG.warnf("Webhook dispatcher run stopped: %s", e.getCause() != null ? e.getCause() : e);
        }
    }

    /** POSTs the deliveries due now, batch after batch; answers how many were delivered. */
    public int dispatchDue() {
        int delivered = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            List<Claimed> batch = QuarkusTransaction.requiringNew().call(this::claim);
            if (batch.isEmpty()) {
                break;
            }
            List<CompletableFuture<Outcome>> sent = new ArrayList<>();
            for (Claimed claimed : batch) {
                sent.add(claimed.sendable() ? attempt(claimed) : CompletableFuture.completedFuture(null));
            }
            for (int j = 0; j < batch.size(); j++) {
                Claimed claimed = batch.get(j);
                Outcome outcome = sent.get(j).join();
                if (outcome == null) {
                    QuarkusTransaction.requiringNew().run(() -> cancel(claimed));
                } else {
                    QuarkusTransaction.requiringNew().run(() -> record(claimed, outcome));
                    if (outcome.delivered()) {
                        delivered++;
                    }
                }
            }
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        return delivered;
    }

    private List<Claimed> claim() throws SQLException {
        Instant now = Instant.now();
        // Longer than any attempt takes: the rows come back only if this instance died before recording them.
        Instant lease = now.plus(config.connectTimeout()).plus(config.requestTimeout()).plusSeconds(30);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement("""
                        WITH due AS (
                            SELECT id FROM platform_webhook_delivery
                             WHERE status = 'PENDING' AND next_attempt_at <= ?
                             ORDER BY next_attempt_at, id LIMIT ?
                               FOR UPDATE SKIP LOCKED)
                        UPDATE platform_webhook_delivery d SET next_attempt_at = ?
                          FROM due, platform_webhook_subscription s
                         WHERE d.id = due.id AND s.id = d.subscription_id
                        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts,
                                  d.first_attempt_at, s.url, s.active, s.secret, s.previous_secret,
                                  s.previous_secret_until > ?""")) {
            claim.setObject(1, utc(now));
            claim.setInt(2, config.batchSize());
            claim.setObject(3, utc(lease));
            claim.setObject(4, utc(now));
            List<Claimed> batch = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    UUID subscription = rows.getObject(2, UUID.class);
                    byte[] sealed = rows.getBytes(10);
                    byte[] previous = rows.getBoolean(12) ? rows.getBytes(11) : null;
                    batch.add(new Claimed(rows.getObject(1, UUID.class), subscription, rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getInt(6),
                            WebhookSubscriptions.instant(rows, 7), rows.getString(8),
                            rows.getBoolean(9) && sealed != null,
                            sealed == null ? null : box.open(subscription, sealed),
                            previous == null ? null : box.open(subscription, previous)));
                }
            }
            return batch;
        }
    }

    /** One POST, never failing: its outcome says what happened. */
    CompletableFuture<Outcome> attempt(Claimed delivery) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(delivery.url());
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!EndpointUrls.reachable(address, config.allowLoopbackHttp())) {
                    return CompletableFuture.completedFuture(Outcome.failed(at, started, "AddressNotAllowed"));
                }
            }
        } catch (UnknownHostException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.failed(at, started, e.getClass().getSimpleName()));
        }
        long timestamp = at.getEpochSecond();
        String signature = WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.body());
        if (delivery.previousSecret() != null) {
            signature += " " + WebhookSignature.sign(delivery.previousSecret(), delivery.eventId(), timestamp,
                    delivery.body());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.ID_HEADER, delivery.eventId())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, ResponseExcerpt.handler());
        // The request timeout bounds the wait for the answer's head; this bounds the whole exchange.
        return exchange.orTimeout(config.requestTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                        return Outcome.failed(at, started, cause(failure));
                    }
                    return new Outcome(at, elapsed(started), response.statusCode(), null,
                            ResponseExcerpt.clean(response.body()));
                });
    }

    private void record(Claimed delivery, Outcome outcome) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO platform_webhook_attempt (delivery_id, at, status_code, error, duration_ms,
                                                          response_excerpt)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, delivery.id());
                insert.setObject(2, utc(outcome.at()));
                insert.setObject(3, outcome.statusCode());
                insert.setString(4, outcome.error());
                insert.setInt(5, outcome.durationMs());
                insert.setString(6, outcome.delivered() ? null : outcome.excerpt());
                insert.executeUpdate();
            }
            Instant first = delivery.firstAttemptAt() != null ? delivery.firstAttemptAt() : outcome.at();
            int attempts = delivery.attempts() + 1;
            if (outcome.delivered()) {
                update(connection, delivery, "DELIVERED", attempts, first, outcome.at(), null, Instant.now());
                LOG.debugf("Webhook delivery %s (%s, subscription %s) delivered at attempt %d", delivery.id(),
                        delivery.eventType(), delivery.subscriptionId(), attempts);
                return;
            }
            Instant now = Instant.now();
            Duration pause = Backoff.pause(config.backoff(), attempts, config.jitter(), random);
            Instant next = now.plus(pause);
            boolean givenUp = next.isAfter(first.plus(config.giveUpAfter()));
            String cause = outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
            if (givenUp) {
                update(connection, delivery, "FAILED", attempts, first, outcome.at(), null, now);
                LOG.errorf("Webhook delivery %s (%s, subscription %s) failed after %d attempt(s): %s", delivery.id(),
                        delivery.eventType(), delivery.subscriptionId(), attempts, cause);
            } else {
                update(connection, delivery, "PENDING", attempts, first, outcome.at(), next, null);
                LOG.warnf("Webhook delivery %s (%s, subscription %s) not delivered, attempt %d: %s; next in %s",
                        delivery.id(), delivery.eventType(), delivery.subscriptionId(), attempts, cause, pause);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a webhook attempt", e);
        }
    }

    private static void update(Connection connection, Claimed delivery, String status, int attempts, Instant first,
            Instant last, Instant next, Instant ended) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE platform_webhook_delivery
                   SET status = ?, attempts = ?, first_attempt_at = ?, last_attempt_at = ?,
                       next_attempt_at = coalesce(?, next_attempt_at), ended_at = ?
                 WHERE id = ? AND status = 'PENDING'""")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setObject(3, utc(first));
            update.setObject(4, utc(last));
            update.setObject(5, next == null ? null : utc(next));
            update.setObject(6, ended == null ? null : utc(ended));
            update.setObject(7, delivery.id());
            update.executeUpdate();
        }
    }

    /** A delivery whose subscription ended meanwhile (it was queued as the subscription was being deactivated). */
    private void cancel(Claimed delivery) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE platform_webhook_delivery SET status = 'CANCELLED', ended_at = clock_timestamp()
                         WHERE id = ? AND status = 'PENDING'""")) {
            update.setObject(1, delivery.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not cancel a webhook delivery", e);
        }
    }

    /** The failure's class (ConnectException, HttpTimeoutException...), never its message: it may quote the URL. */
    private static String cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String name = cause.getClass().getSimpleName();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A claimed delivery with what its attempt needs; the secrets are opened only in memory. */
    record Claimed(UUID id, UUID subscriptionId, String eventId, String eventType, String body, int attempts,
            Instant firstAttemptAt, String url, boolean sendable, byte[] secret, byte[] previousSecret) {

        @Override
        public String toString() {
            return "Claimed[" + id + ", " + eventType + "]";
        }
    }

    /** What an attempt came to: a status, or the class of the failure. */
    record Outcome(Instant at, int durationMs, Integer statusCode, String error, String excerpt) {

        static Outcome failed(Instant at, long started, String error) {
            return new Outcome(at, elapsed(started), null, error, null);
        }

        boolean delivered() {
            return statusCode != null && statusCode / 100 == 2;
        }
    }
}
