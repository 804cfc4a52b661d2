package fr.cpa.platform.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code outbox}: how many events wait for the relay and the age of the oldest. A backlog
 * alone keeps the service ready (it goes on accepting work while Kafka is away); only an unreadable outbox
 * makes it not ready. Alert on the data instead.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final DataSource dataSource;

    OutboxHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        SELECT count(*), floor(extract(epoch FROM now() - min(created_at)))::bigint
                          FROM platform_outbox_event WHERE published_at IS NULL""")) {
            result.next();
            response.up().withData("pending", result.getLong(1));
            long oldestSeconds = result.getLong(2);
            if (!result.wasNull()) {
                response.withData("oldestPendingSeconds", oldestSeconds);
            }
            return response.build();
        } catch (SQLException e) {
            return response.down().withData("error", "outbox table unreadable").build();
        }
    }
}
