package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.ledger.persistence.Account;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderRegistered;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStack;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/** HolderRegistered links the person's accounts to the holder, once; the holder then reads them, and only them. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MyAccountsTest {

    // Fixed, so that reruns on the same database link the same three accounts to the demo holder.
    private static final String HOLDER1_PERSON_KEY = "test-person-key-of-holder1";

    private static void publish(EventEnvelope envelope) {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalStack.KAFKA_BOOTSTRAP);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.IDENTITY_HOLDERS,
                    envelope.subjectKey(), envelope.toJson());
            envelope.kafkaHeaders().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
    }

    @Test
    void aRegisteredHolderReadsTheirOwnAccountsOnly() {
        String holder1 = Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);
        UUID holderId = UUID.fromString(Tokens.claims(holder1).path("sub").asText());
        EventEnvelope registered = EventEnvelope.of(
                new HolderRegistered(holderId, HOLDER1_PERSON_KEY, LocalDate.of(1985, 5, 14), "ACTIVE"));
        publish(registered);
        publish(registered); // a redelivery changes nothing
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Account.ofHolder(holderId).size()) == 3);

        given().auth().oauth2(holder1).get("/api/ledger/me/accounts").then().statusCode(200)
                .body("$", hasSize(3))
                .body("kind", equalTo(java.util.List.of("CEC", "CPF", "CPP")))
                .body("find { it.kind == 'CPP' }.unit", equalTo("POINTS"));

        // holder2 has no validated registration here: nothing, and certainly not holder1's accounts.
        String holder2 = Tokens.forUser(DemoLogins.HOLDER2_USERNAME, DemoLogins.HOLDER2_PASSWORD);
        given().auth().oauth2(holder2).get("/api/ledger/me/accounts").then().statusCode(404);
        given().auth().oauth2(Tokens.forClient("demo-employer")).get("/api/ledger/me/accounts").then().statusCode(403);
        given().get("/api/ledger/me/accounts").then().statusCode(401).contentType("application/problem+json");
    }
}
