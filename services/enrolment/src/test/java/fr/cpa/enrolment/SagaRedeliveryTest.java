package fr.cpa.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.testing.Broker;
import fr.cpa.platform.testing.KafkaProbe;

/**
 * Every step of the saga happens once in effect when an event is delivered twice, on the real broker: the ledger
 * holds an accepted application once however often ApplicationAccepted arrives, and the enrolment service moves once
 * however often FundsReserved arrives; an answer for an application in another state changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class SagaRedeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void eachEventHasOneEffectWhateverTheRedeliveries() throws Exception {
        People.Holder holder = People.employee();
        Money.cpf(holder, 300_000);
        Offers.Session session = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                false);
        UUID id;
        ConsumerRecord<String, String> reserved;
        try (KafkaProbe ledger = KafkaProbe.open(Topics.LEDGER_ACCOUNTS)) {
            id = Api.confirmed(holder, session, "NONE", "CONFIRMED");
            String application = id.toString();
            reserved = ledger.await(r -> r.value().contains("FundsReserved") && r.value().contains(application),
                    Duration.ofSeconds(30));
        }
        assertEquals(139_680, cpfPending(holder.personKey()));

        // ApplicationAccepted again, three times, as the relay would after a crash between send and mark.
        for (int i = 0; i < 3; i++) {
            republish(Topics.ENROLMENT_APPLICATIONS, "ApplicationAccepted", id);
        }
        // FundsReserved again, as a consumer that failed to commit its offset would get it.
        Broker.publish(Topics.LEDGER_ACCOUNTS, reserved.key(), reserved.value(), headers(reserved));
        Broker.publish(Topics.LEDGER_ACCOUNTS, reserved.key(), reserved.value(), headers(reserved));

        // Let them all arrive (each consumer takes an event in milliseconds; three seconds is plenty).
        Thread.sleep(3_000);
        assertEquals(139_680, cpfPending(holder.personKey()), "one hold in the ledger");
        assertEquals(1, Db.number(Db.LEDGER, """
                SELECT count(*) FROM funds_reservation r JOIN account a ON a.id = r.account_id
                WHERE a.person_key = ? AND a.kind = 'CPF'""", holder.personKey()));
        assertEquals(1, Db.number(Db.ENROLMENT, "SELECT count(*) FROM application_transition "
                + "WHERE application_id = ? AND to_state = 'CONFIRMED'", id), "one step in the enrolment service");
        assertEquals("CONFIRMED", Api.get(holder.token(), id).getString("state.code"));

        // A late FundsReserved for a cancelled application changes nothing but what the ledger says it released.
        Api.as(holder.token()).body(Map.of("reason", "autre projet")).post("/api/enrolment/applications/" + id
                + "/cancellation").then().statusCode(200);
        Awaitility.await().until(() -> cpfPending(holder.personKey()) == 0);
        EventEnvelope again = EventEnvelope.fromJson(reserved.value());
        EventEnvelope late = new EventEnvelope(UUID.randomUUID(), again.type(), again.version(), again.occurredAt(),
                again.subjectKey(), again.correlationId(), again.payload());
        Broker.publish(Topics.LEDGER_ACCOUNTS, late.subjectKey(), late.toJson(), late.kafkaHeaders());
        Thread.sleep(2_000);
        assertEquals("CANCELLED_BY_HOLDER", Api.get(holder.token(), id).getString("state.code"));
        assertEquals(0, cpfPending(holder.personKey()));
    }

    private static long cpfPending(String personKey) {
        return Db.number(Db.LEDGER, "SELECT pending FROM account WHERE person_key = ? AND kind = 'CPF'", personKey);
    }

    /** Publishes again, with the same event id, an event this service's outbox holds for the application. */
    private static void republish(String topic, String type, UUID application) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + Db.ENROLMENT,
                "postgres", "");
                PreparedStatement select = connection.prepareStatement("""
                        SELECT key, headers::text, payload::text FROM platform_outbox_event
                        WHERE type = ? AND payload -> 'payload' ->> 'applicationId' = ?""")) {
            select.setString(1, type);
            select.setString(2, application.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no " + type + " in the outbox for " + application);
                }
                Broker.publish(topic, row.getString(1), row.getString(3),
                        JSON.readValue(row.getString(2), new TypeReference<Map<String, String>>() {
                        }));
            }
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }
}
