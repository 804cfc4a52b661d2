package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.EventHeaders;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.SessionSeatsChanged;
import fr.cpa.platform.testing.Broker;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.LocalStack;
import fr.cpa.platform.testing.LocalStackResource;

/**
 * The seats the enrolment service announces on the real broker show on the offer and on the search's hits; an older
 * count never returns, and a record the catalogue cannot read goes to its dead-letter topic without stopping it.
 *
 * <p>Each step ends with a marker: a count for another session whose key falls in the same partition of the topic,
 * so that once the marker is kept, every record published before it on that partition has been consumed.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SessionSeatsTest {

    @Inject
    DataSource dataSource;

    private final UUID markerOffer = UUID.randomUUID();

    @AfterEach
    void forgetMarkers() {
        new Db(dataSource).execute("DELETE FROM session_seats WHERE offer_id = ?", markerOffer);
    }

    @Test
    void eachSessionShowsTheSeatsOfTheNewestCount() throws InterruptedException {
        SearchData data = new SearchData();
        data.publish(dataSource);
        String offer = data.offerIds().get(SearchData.WEB_NANTES);
        UUID offerId = UUID.fromString(offer);
        String path = "/api/catalogue/offers/" + offer;
        UUID sessionId = UUID.fromString(given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(0))
                .body("actions[0].sessions[0].seatsLeft", equalTo(12))
                .extract().path("actions[0].sessions[0].id"));
        String actionId = given().get(path).then().extract().path("actions[0].id");
        int seats = given().get(path).then().extract().path("actions[0].sessions[0].seats");

        // Versions 2 then 1: the late version 1 does not bring its count back.
        EventEnvelope second = EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 2, 2));
        publish(second);
        publish(EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 1, 1)));
        awaitMarker(sessionId);
        given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(2))
                .body("actions[0].sessions[0].seatsLeft", equalTo(seats - 2))
                .body("actions[0].sessions[1].seatsBooked", equalTo(0));
        assertEquals(2, new Db(dataSource).count("SELECT version FROM session_seats WHERE session_id = ?",
                sessionId));

        // Records that cannot be read go to the dead-letter topic, with their key, headers and reason: not an
        // envelope, a payload that does not fit, a count without its session. Each claims a version that would win.
        EventEnvelope unfit = EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 9, 9));
        EventEnvelope sessionless = EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 9, 9));
        List<ConsumerRecord<String, String>> deadLetters;
        try (KafkaProbe deadLetterTopic = KafkaProbe.open(Topics.DEAD_LETTERS_CATALOGUE)) {
            Broker.publish(Topics.ENROLMENT_SESSIONS, sessionId.toString(), "not an event", Map.of());
            publish(unfit, replaced(unfit.toJson(), "\"booked\":9", "\"booked\":\"nine\""));
            publish(sessionless, replaced(sessionless.toJson(), "\"sessionId\":\"" + sessionId + "\"",
                    "\"sessionId\":null"));
            Duration wait = Duration.ofSeconds(30);
            deadLetters = List.of(
                    deadLetterTopic.await(r -> sessionId.toString().equals(r.key())
                            && "not an event".equals(r.value()), wait),
                    deadLetterTopic.await(r -> unfit.id().toString().equals(eventId(r)), wait),
                    deadLetterTopic.await(r -> sessionless.id().toString().equals(eventId(r)), wait));
        }
        for (ConsumerRecord<String, String> deadLetter : deadLetters) {
            assertEquals(sessionId.toString(), deadLetter.key());
            assertEquals(Topics.ENROLMENT_SESSIONS, KafkaProbe.header(deadLetter, "dead-letter-topic"));
        }
        String unreadable = KafkaProbe.header(deadLetters.get(0), "dead-letter-reason");
        assertTrue(unreadable.startsWith("Not an event envelope: unreadable JSON")
                && unreadable.contains("record " + Topics.ENROLMENT_SESSIONS + "-"), unreadable);
        assertNull(KafkaProbe.header(deadLetters.get(0), "dead-letter-cause"), "Jackson's message quotes the value");
        assertEquals("Payload of event SessionSeatsChanged v1 " + unfit.id()
                + " does not fit SessionSeatsChanged: field booked", KafkaProbe.header(deadLetters.get(1),
                        "dead-letter-reason"));
        assertEquals("SessionSeatsChanged", KafkaProbe.header(deadLetters.get(1), EventHeaders.EVENT_TYPE));
        assertEquals("Event " + sessionless.id() + ": a seat count without its session or below zero",
                KafkaProbe.header(deadLetters.get(2), "dead-letter-reason"));
        // Then version 3, a redelivery of version 2 and version 2 announced again.
        publish(EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 3, 3)));
        publish(second);
        publish(EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, 2, 2)));
        awaitMarker(sessionId);
        given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(3))
                .body("actions[0].sessions[0].seatsLeft", equalTo(seats - 3));
        // The search's hit shows its next session's seats too.
        String hit = "items.find { it.actionId == '" + actionId + "' }.nextSession";
        given().queryParam("organisation", SearchData.SIRET).queryParam("size", 100).get("/api/catalogue/offers")
                .then().statusCode(200)
                .body(hit + ".id", equalTo(sessionId.toString()))
                .body(hit + ".seatsBooked", equalTo(3))
                .body(hit + ".seatsLeft", equalTo(seats - 3));

        // More booked than the session now offers (the organisation lowered its seats): none left, never fewer.
        publish(EventEnvelope.of(new SessionSeatsChanged(sessionId, offerId, seats, seats + 2, 4)));
        awaitMarker(sessionId);
        given().get(path).then().statusCode(200)
                .body("actions[0].sessions[0].seatsBooked", equalTo(seats + 2))
                .body("actions[0].sessions[0].seatsLeft", equalTo(0));
    }

    private static void publish(EventEnvelope envelope) {
        Broker.publish(Topics.ENROLMENT_SESSIONS, envelope.subjectKey(), envelope.toJson(), envelope.kafkaHeaders());
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        return KafkaProbe.header(record, EventHeaders.EVENT_ID);
    }

    /** Publishes another value under the envelope's key and headers. */
    private static void publish(EventEnvelope envelope, String value) {
        Broker.publish(Topics.ENROLMENT_SESSIONS, envelope.subjectKey(), value, envelope.kafkaHeaders());
    }

    private static String replaced(String json, String part, String by) {
        assertTrue(json.contains(part), json);
        return json.replace(part, by);
    }

    /** Publishes a count for another session in the same partition as this one's, and waits until it is kept. */
    private void awaitMarker(UUID sessionId) throws InterruptedException {
        int partitions = partitions();
        int partition = partition(sessionId, partitions);
        UUID marker;
        do {
            marker = UUID.randomUUID();
        } while (partition(marker, partitions) != partition);
        publish(EventEnvelope.of(new SessionSeatsChanged(marker, markerOffer, 5, 1, 1)));
        Db db = new Db(dataSource);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.count("SELECT count(*) FROM session_seats WHERE session_id = ?", marker) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The catalogue did not consume the seat counts in 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static int partitions() {
        Properties config = LocalStack.kafkaClient();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.partitionsFor(Topics.ENROLMENT_SESSIONS).size();
        }
    }

    /** The partition Kafka's default partitioner gives a key. */
    private static int partition(UUID key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
