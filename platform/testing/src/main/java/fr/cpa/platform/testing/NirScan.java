package fr.cpa.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.cpa.platform.person.Nir;

/** Finds valid NIRs in text (a service's log, a table dump), for tests that none leaked there. */
public final class NirScan {

    /** Anything shaped like a NIR (digits, 2A/2B for Corsica), not inside a longer word or number. */
    private static final Pattern CANDIDATE = Pattern
            .compile("(?<![0-9A-Za-z])[1-8]\\d{4}(?:\\d{2}|2[AB])\\d{8}(?![0-9A-Za-z])");

    private NirScan() {
    }

    /** The numbers (from 1) of the lines holding a valid NIR: reported by line only, never the number itself. */
    public static List<Integer> linesWithNir(String text) {
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\n");
        for (int i = 0; i < all.length; i++) {
            Matcher candidate = CANDIDATE.matcher(all[i]);
            while (candidate.find()) {
                try {
                    Nir.parse(candidate.group());
                    lines.add(i + 1);
                    break;
                } catch (Nir.InvalidNirException notANir) {
                    // a number of the same length, or a NIR with a wrong key: not a person's number
                }
            }
        }
        return lines;
    }

    /**
     * Where a valid NIR is in any table of a database of the local stack: every row of every table of its public
     * schema, as JSON, read with a cursor so that a large table is never held whole. Reported as "table, row n"
     * only, never the number itself.
     */
    public static List<String> rowsWithNir(String database) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(LocalStack.POSTGRES_JDBC + database, "postgres",
                "")) {
            connection.setAutoCommit(false);
            for (String table : tables(connection)) {
                try (Statement select = connection.createStatement()) {
                    select.setFetchSize(1_000);
                    try (ResultSet rows = select.executeQuery(
                            "SELECT row_to_json(t)::text FROM public.\"" + table + "\" t")) {
                        for (int row = 1; rows.next(); row++) {
                            if (!linesWithNir(rows.getString(1)).isEmpty()) {
                                found.add(table + ", row " + row);
                            }
                        }
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database " + database, e);
        }
        return found;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
