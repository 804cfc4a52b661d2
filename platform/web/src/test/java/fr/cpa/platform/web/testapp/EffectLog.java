package fr.cpa.platform.web.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.InjectableInstance;

/** The side effects of the idempotent test writes, one row per run of a method. */
@ApplicationScoped
public class EffectLog {

    @Inject
    InjectableInstance<DataSource> dataSource;

    public void record(String ref) {
        run("INSERT INTO platform_web_test_effect (ref) VALUES (?)", ref);
    }

    public int count(String ref) {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM platform_web_test_effect WHERE ref = ?")) {
            s.setString(1, ref);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the test database (e.g. to age a record). */
    public int run(String sql, Object... values) {
        try (Connection c = dataSource.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
