package fr.cpa.platform.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads and adjusts outbox rows directly, outside any transaction, to see what was committed. */
@ApplicationScoped
public class OutboxRows {

    /** What a test looks at in a row. */
    public record Row(String template, String parameters, int attempts, boolean sent, boolean givenUp,
            boolean nextAttemptLater) {
    }

    private final DataSource dataSource;

    OutboxRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Row> byId(long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT template, parameters::text, attempts, sent_at IS NOT NULL, given_up_at IS NOT NULL,
                               next_attempt_at > now()
                          FROM platform_mail_outbox WHERE id = ?""")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(row.getString(1), row.getString(2), row.getInt(3), row.getBoolean(4),
                        row.getBoolean(5), row.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Row get(long id) {
        return byId(id).orElseThrow(() -> new AssertionError("no outbox row " + id));
    }

    public long countFor(String recipient) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM platform_mail_outbox WHERE recipient = ?")) {
            select.setString(1, recipient);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an update of the test's own rows (ages a row, removes a test's leftovers). */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
