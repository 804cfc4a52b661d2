package fr.cpa.platform.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads and adjusts the webhook tables directly, outside any transaction, to see what was committed. */
@ApplicationScoped
public class WebhookRows {

    /** What a test looks at in a delivery. */
    public record Row(UUID id, String eventId, String status, int attempts, boolean replay) {
    }

    private final DataSource dataSource;

    WebhookRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> deliveries(UUID subscription) {
        return rows("""
                SELECT id, event_id, status, attempts, replay FROM platform_webhook_delivery
                 WHERE subscription_id = ? ORDER BY created_at, id""", subscription);
    }

    public List<Row> withEventId(String eventId) {
        return rows("""
                SELECT id, event_id, status, attempts, replay FROM platform_webhook_delivery
                 WHERE event_id = ? ORDER BY created_at, id""", eventId);
    }

    public Row delivery(UUID id) {
        return rows("SELECT id, event_id, status, attempts, replay FROM platform_webhook_delivery WHERE id = ?", id)
                .stream().findFirst().orElseThrow(() -> new AssertionError("no delivery " + id));
    }

    public long number(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getBytes(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text of the webhook tables' rows, concatenated: to look for something that must not be there. */
    public String everything() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("platform_webhook_subscription", "platform_webhook_delivery",
                "platform_webhook_attempt")) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT t::text FROM " + table + " t");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append('\n');
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return all.toString();
    }

    /** Runs an update of the test's own rows (ages a row, removes leftovers). */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = prepare(connection, sql, parameters)) {
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Row> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet rows = select.executeQuery()) {
            List<Row> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new Row(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getInt(4),
                        rows.getBoolean(5)));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
