package fr.cpa.platform.web.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.scheduler.Scheduled;

/**
 * The idempotency records, in table {@code platform_idempotency_record} of the service's default datasource
 * (created by the repeatable migration shipped in this jar). A record is claimed before the method runs, completed
 * with the answer, or deleted (released) when the call failed. Without an active default datasource (the gateway)
 * the store is inert: the purge does nothing and an @Idempotent method fails loudly.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final String TABLE = "platform_idempotency_record";
    private static final int CLAIM_ATTEMPTS = 3;

    private final InjectableInstance<DataSource> dataSources;
    private final Duration retention;

    @Inject
    IdempotencyStore(InjectableInstance<DataSource> dataSources,
            @ConfigProperty(name = "cpa.web.idempotency.retention", defaultValue = "24H") Duration retention) {
        this.dataSources = dataSources;
        this.retention = retention;
    }

    /** Who sent which request: the record's identity (caller, key) and what a retry must match. */
    record Request(String caller, String key, String method, String path, byte[] bodyHash) {
    }

    /** The outcome of a claim. */
    sealed interface Claim {
    }

    /** The key is this request's: run the method, then complete or release. */
    record Acquired() implements Claim {
    }

    /** The key's request is still running. */
    record InProgress() implements Claim {
    }

    /** The key was used for another method, path or body. */
    record Mismatch() implements Claim {
    }

    /** The key's request has been answered: send that answer again. */
    record Replay(int status, String contentType, byte[] body) implements Claim {
    }

    Claim claim(Request request) {
        try (Connection connection = connection()) {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                if (insertOrTakeOverExpired(connection, request)) {
                    return new Acquired();
                }
                Optional<Claim> existing = existing(connection, request);
                if (existing.isPresent()) {
                    return existing.get();
                }
                // Released by its owner between our two statements: try again.
            }
            throw new IllegalStateException("Idempotency key kept changing hands");
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency store unavailable", e);
        }
    }

    void complete(Request request, int status, String contentType, byte[] body) {
        update("UPDATE " + TABLE + " SET status = ?, content_type = ?, body = ?, completed_at = now()"
                + " WHERE caller = ? AND idempotency_key = ? AND completed_at IS NULL",
                status, contentType, body, request.caller(), request.key());
    }

    void release(Request request) {
        update("DELETE FROM " + TABLE + " WHERE caller = ? AND idempotency_key = ? AND completed_at IS NULL",
                request.caller(), request.key());
    }

    /** Deletes the records older than the retention; returns how many. */
    public int purgeExpired() {
        return update("DELETE FROM " + TABLE + " WHERE created_at < now() - make_interval(secs => ?)",
                retentionSeconds());
    }

    @Scheduled(identity = "platform-idempotency-purge", every = "${cpa.web.idempotency.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        if (dataSource().isPresent()) {
            LOG.debugf("Purged %d expired idempotency records", purgeExpired());
        }
    }

    private boolean insertOrTakeOverExpired(Connection connection, Request request) throws SQLException {
        String sql = "INSERT INTO " + TABLE + " (idempotency_key, caller, method, path, request_hash, created_at)"
                + " VALUES (?, ?, ?, ?, ?, now())"
                + " ON CONFLICT (caller, idempotency_key) DO UPDATE SET method = EXCLUDED.method,"
                + " path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL,"
                + " body = NULL, created_at = EXCLUDED.created_at, completed_at = NULL"
                + " WHERE " + TABLE + ".created_at < now() - make_interval(secs => ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, request.key(), request.caller(), request.method(), request.path(), request.bodyHash(),
                    retentionSeconds());
            return statement.executeUpdate() == 1;
        }
    }

    private static Optional<Claim> existing(Connection connection, Request request) throws SQLException {
        String sql = "SELECT method, path, request_hash, status, content_type, body, completed_at FROM " + TABLE
                + " WHERE caller = ? AND idempotency_key = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, request.caller(), request.key());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                if (!row.getString("method").equals(request.method()) || !row.getString("path").equals(request.path())
                        || !Arrays.equals(row.getBytes("request_hash"), request.bodyHash())) {
                    return Optional.of(new Mismatch());
                }
                if (row.getTimestamp("completed_at") == null) {
                    return Optional.of(new InProgress());
                }
                return Optional.of(new Replay(row.getInt("status"), row.getString("content_type"), row.getBytes("body")));
            }
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency store unavailable", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private double retentionSeconds() {
        return retention.toMillis() / 1000.0;
    }

    private Connection connection() throws SQLException {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new IllegalStateException("@Idempotent needs a blocking resource method (not on the event loop)");
        }
        return dataSource().orElseThrow(() -> new IllegalStateException(
                "@Idempotent needs the service's default datasource; none is configured")).getConnection();
    }

    private Optional<DataSource> dataSource() {
        List<DataSource> active = dataSources.listActive();
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
    }
}
