package fr.cpa.enrolment.domain.seats;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.ApplicationStepped;
import fr.cpa.enrolment.persistence.SessionSeats;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;
import fr.cpa.platform.web.problem.ProblemException;

/**
 * The seats of catalogue sessions: a confirmation takes one, never beyond the capacity, and an application that
 * ends without training (or whose payment is refused) gives it back. Each change is announced to the catalogue
 * with the absolute numbers ({@code SessionSeatsChanged}), so that its count follows ours.
 */
@ApplicationScoped
public class Seats {

    private final Outbox outbox;

    Seats(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Makes sure the session is known here, with the catalogue's capacity, and says whether a seat is left. */
    @Transactional(TxType.MANDATORY)
    public boolean available(UUID sessionId, UUID offerId, int capacity) {
        SessionSeats.ensure(sessionId, offerId, capacity);
        SessionSeats seats = SessionSeats.of(sessionId).orElseThrow();
        return seats.booked < seats.capacity;
    }

    /** Takes a seat for the application; 409 session-full when none is left. */
    @Transactional(TxType.MANDATORY)
    public void book(TrainingApplication application) {
        if (application.seatBooked) {
            return;
        }
        if (!SessionSeats.book(application.sessionId)) {
            throw new ProblemException(EnrolmentProblems.SESSION_FULL, "Every seat of this session is taken.");
        }
        application.seatBooked = true;
        announce(application.sessionId);
    }

    /** The catalogue's capacity of a known session changed. */
    @Transactional(TxType.MANDATORY)
    public void resize(UUID sessionId, int capacity) {
        if (SessionSeats.resize(sessionId, capacity)) {
            announce(sessionId);
        }
    }

    void onStep(@Observes ApplicationStepped step) {
        TrainingApplication application = step.application();
        if (application.seatBooked && (step.to().ended() || step.to() == ApplicationState.PAYMENT_REFUSED)
                && step.to() != ApplicationState.PAID) {
            SessionSeats.free(application.sessionId);
            application.seatBooked = false;
            announce(application.sessionId);
        }
    }

    private void announce(UUID sessionId) {
        SessionSeats seats = SessionSeats.of(sessionId).orElseThrow();
        SessionSeats.getEntityManager().refresh(seats);
        outbox.append(Topics.ENROLMENT_SESSIONS, new SessionSeatsChanged(sessionId, seats.offerId, seats.capacity,
                seats.booked, seats.version));
    }
}
