package fr.cpa.catalogue.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.platform.events.enrolment.SessionSeatsChanged;

/** The seats booked in each session, as the enrolment service counts them; only a newer version changes them. */
@ApplicationScoped
public class SessionSeatsStore {

    private final DataSource dataSource;

    SessionSeatsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the count unless a version as high or higher is kept already; @return whether it was kept. */
    @Transactional(TxType.MANDATORY)
    public boolean apply(SessionSeatsChanged changed) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO session_seats (session_id, offer_id, booked, version) VALUES (?, ?, ?, ?)
                        ON CONFLICT (session_id) DO UPDATE SET booked = excluded.booked, version = excluded.version,
                            updated_at = now()
                        WHERE session_seats.version < excluded.version""")) {
            upsert.setObject(1, changed.sessionId());
            upsert.setObject(2, changed.offerId());
            upsert.setInt(3, changed.booked());
            upsert.setLong(4, changed.version());
            return upsert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a session's seats", e);
        }
    }
}
