package fr.cpa.enrolment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads of the services' databases on the shared stack, for assertions and waits (as the postgres superuser). */
final class Db {

    static final String ENROLMENT = "cpa_enrolment";
    static final String LEDGER = "cpa_ledger";

    private Db() {
    }

    /** The first column of the first row, as a long (0 when there is none or it is null). */
    static long number(String database, String sql, Object... parameters) {
        return run(database, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    /** The first column of the first row, as text ("" when there is none or it is null). */
    static String text(String database, String sql, Object... parameters) {
        return run(database, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                String value = rows.next() ? rows.getString(1) : null;
                return value == null ? "" : value;
            }
        });
    }

    static void execute(String database, String sql, Object... parameters) {
        run(database, sql, parameters, PreparedStatement::execute);
    }

    private interface Use<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(String database, String sql, Object[] parameters, Use<T> use) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return use.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use " + database, e);
        }
    }
}
