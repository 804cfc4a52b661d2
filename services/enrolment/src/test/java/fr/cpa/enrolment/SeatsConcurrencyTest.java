package fr.cpa.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.enrolment.domain.Applicant;
import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.HolderSteps;
import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.SessionSeats;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.problem.ProblemException;

/**
 * A thousand holders confirm the same session of 40 seats at once, against the real database: exactly 40 are
 * confirmed, every other one is told the session is full, and the count of seats, the seats' announcements to the
 * catalogue and the applications agree.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class SeatsConcurrencyTest {

    private static final int HOLDERS = 1000;
    private static final int SEATS = 40;

    @Inject
    HolderSteps holderSteps;

    @Test
    void neverOverbooked() throws Exception {
        UUID session = UUID.randomUUID();
        UUID offer = UUID.randomUUID();
        List<TrainingApplication> applications = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            SessionSeats.ensure(session, offer, SEATS);
            for (int i = 0; i < HOLDERS; i++) {
                applications.add(proposed(session, offer));
            }
        });
        // Nothing of the holders' rights is used (they pay it all): no ledger in the way, only the seats.
        AvailableFunds none = new AvailableFunds(0, List.of(), 0, 0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> confirmations = new ArrayList<>();
        for (TrainingApplication application : applications) {
            confirmations.add(pool.submit(() -> {
                start.await();
                try {
                    holderSteps.confirm(application.id, new Applicant(application.holderId, "Camille Testeur", null),
                            none);
                    outcomes.merge("confirmed", 1, Integer::sum);
                } catch (ProblemException e) {
                    outcomes.merge(e.type().slug(), 1, Integer::sum);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> confirmation : confirmations) {
            confirmation.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertEquals(Map.of("confirmed", SEATS, "session-full", HOLDERS - SEATS), outcomes);
        QuarkusTransaction.requiringNew().run(() -> {
            SessionSeats seats = SessionSeats.<SessionSeats>findById(session);
            assertEquals(SEATS, seats.booked);
            assertEquals(SEATS, seats.version, "one change per seat taken");
            assertEquals(SEATS, TrainingApplication.count("sessionId = ?1 and state = ?2 and seatBooked = true",
                    session, ApplicationState.CONFIRMED));
            assertEquals(HOLDERS - SEATS, TrainingApplication.count("sessionId = ?1 and state = ?2 and seatBooked = false",
                    session, ApplicationState.PROPOSED));
            // Each seat taken was announced to the catalogue with the count after it: versions 1 to 40, once each.
            List<?> versions = SessionSeats.getEntityManager().createNativeQuery("""
                    SELECT (payload -> 'payload' ->> 'version')::int FROM platform_outbox_event
                    WHERE type = 'SessionSeatsChanged' AND key = ?1 ORDER BY 1""")
                    .setParameter(1, session.toString()).getResultList();
            assertEquals(SEATS, versions.size());
            assertTrue(versions.stream().map(v -> ((Number) v).intValue()).distinct().count() == SEATS);
        });
    }

    /** An application the organisation has just proposed, confirmable today. */
    private static TrainingApplication proposed(UUID session, UUID offer) {
        TrainingApplication application = new TrainingApplication();
        application.id = UUID.randomUUID();
        application.holderId = UUID.randomUUID();
        application.personKey = "test-" + application.holderId;
        application.state = ApplicationState.PROPOSED;
        application.offerId = offer;
        application.actionId = UUID.randomUUID();
        application.sessionId = session;
        application.organisationSiret = Offers.ORG_SIRET;
        application.organisationName = "Formations du Littoral";
        application.certificationCode = Offers.CERTIFICATION;
        application.title = "Session très demandée";
        application.startsOn = LocalDate.of(2027, 3, 1);
        application.endsOn = LocalDate.of(2027, 5, 31);
        application.durationMinutes = 400 * 60;
        application.priceCents = 150_000;
        application.workingTime = "NONE";
        application.useCpf = true;
        application.applicantName = "Camille Testeur";
        application.plan = Map.of();
        application.funds = PlanJson.of(new AvailableFunds(0, List.of(), 0, 0, 0));
        application.planComputedAt = Instant.now();
        application.employerStatus = "NOT_NEEDED";
        application.dueOn = MutableClock.today().plusDays(5);
        application.submittedAt = Instant.now();
        application.updatedAt = application.submittedAt;
        application.persist();
        return application;
    }
}
