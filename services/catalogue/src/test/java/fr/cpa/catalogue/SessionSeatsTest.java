package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;
import fr.cpa.platform.testing.Broker;
import fr.cpa.platform.testing.LocalStackResource;

/** The seats the enrolment service announces on the real broker show on the offer; an older count never returns. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SessionSeatsTest {

    @Inject
    DataSource dataSource;

    @Test
    void eachSessionShowsTheSeatsLeftOfTheNewestCount() throws InterruptedException {
        SearchData data = new SearchData();
        data.publish(dataSource);
        String offerId = data.offerIds().get(SearchData.WEB_NANTES);
        String path = "/api/catalogue/offers/" + offerId;
        UUID sessionId = UUID.fromString(given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(0))
                .extract().path("actions[0].sessions[0].id"));
        int seats = given().get(path).then().extract().path("actions[0].sessions[0].seats");

        publish(new SessionSeatsChanged(sessionId, UUID.fromString(offerId), seats, 2, 2));
        publish(new SessionSeatsChanged(sessionId, UUID.fromString(offerId), seats, 1, 1));
        publish(new SessionSeatsChanged(sessionId, UUID.fromString(offerId), seats, 3, 3));
        // A redelivery of version 2 after 3.
        publish(new SessionSeatsChanged(sessionId, UUID.fromString(offerId), seats, 2, 2));
        // Another session's event after them: once it shows, every earlier one was consumed.
        UUID other = UUID.randomUUID();
        publish(new SessionSeatsChanged(other, UUID.randomUUID(), 5, 1, 1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (new Db(dataSource).count("SELECT count(*) FROM session_seats WHERE session_id = ?", other) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The catalogue did not consume the seat counts in 30 s");
            }
            Thread.sleep(100);
        }
        given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(3))
                .body("actions[0].sessions[0].seatsLeft", equalTo(seats - 3));
    }

    private static void publish(SessionSeatsChanged event) {
        EventEnvelope envelope = EventEnvelope.of(event);
        Broker.publish(Topics.ENROLMENT_SESSIONS, envelope.subjectKey(), envelope.toJson(), envelope.kafkaHeaders());
    }
}
