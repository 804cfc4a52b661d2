package fr.cpa.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

/** Deletes the rows of a platform table whose timestamp is older than a retention. */
final class Purge {

    private Purge() {
    }

    /** {@code table} and {@code column} are this library's own names, never input. */
    static int olderThan(DataSource dataSource, String table, String column, Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE " + column + " < ?")) {
            delete.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
            return delete.executeUpdate();
        }
    }
}
