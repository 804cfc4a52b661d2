package fr.cpa.enrolment.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The seats of one catalogue session taken by confirmed applications. Booking and freeing are single conditional
 * updates, so concurrent confirmations queue on the row and the count never goes above the capacity.
 */
@Entity
@Table(name = "session_seat")
public class SessionSeats extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "offer_id")
    public UUID offerId;

    public int capacity;

    public int booked;

    public long version;

    public static Optional<SessionSeats> of(UUID sessionId) {
        return findByIdOptional(sessionId);
    }

    public static List<SessionSeats> ofOffer(UUID offerId) {
        return list("offerId", offerId);
    }

    /** Creates the row with the catalogue's capacity if it is not there; an existing row keeps its count. */
    public static void ensure(UUID sessionId, UUID offerId, int capacity) {
        getEntityManager().createNativeQuery("""
                INSERT INTO session_seat (session_id, offer_id, capacity) VALUES (?1, ?2, ?3)
                ON CONFLICT (session_id) DO NOTHING""")
                .setParameter(1, sessionId).setParameter(2, offerId).setParameter(3, capacity).executeUpdate();
    }

    /** Takes one seat if one is left; false when the session is full. */
    public static boolean book(UUID sessionId) {
        return update("booked = booked + 1, version = version + 1 where sessionId = ?1 and booked < capacity",
                sessionId) == 1;
    }

    /** Gives one seat back. */
    public static void free(UUID sessionId) {
        update("booked = booked - 1, version = version + 1 where sessionId = ?1 and booked > 0", sessionId);
    }

    /** The catalogue changed the capacity; bookings already made stay. */
    public static boolean resize(UUID sessionId, int capacity) {
        return update("capacity = ?2, version = version + 1 where sessionId = ?1 and capacity <> ?2", sessionId,
                capacity) == 1;
    }
}
