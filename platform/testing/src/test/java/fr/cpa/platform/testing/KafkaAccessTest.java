package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stack's broker as deploy/local/kafka.sh configures it: no one reaches it without a password, and each service's
 * user may publish only its own events (deploy/local/kafka-access.conf). Users and passwords are the local ones.
 */
class KafkaAccessTest {

    private static final String TEST_TOPIC = "cpa.platform.test";

    @BeforeAll
    static void stack() {
        LocalStack.ensureUp();
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        Properties props = new Properties();
        props.put("bootstrap.servers", LocalStack.KAFKA_BOOTSTRAP);
        props.put("max.block.ms", "3000");
        try (KafkaProducer<String, String> producer = producer(props)) {
            // The SASL listener drops a plaintext client: no metadata ever comes.
            assertThrows(org.apache.kafka.common.errors.TimeoutException.class,
                    () -> producer.partitionsFor(TEST_TOPIC));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties props = LocalStack.kafkaClient("ledger", "not-the-password");
        props.put("max.block.ms", "5000");
        try (KafkaProducer<String, String> producer = producer(props)) {
            assertThrows(SaslAuthenticationException.class, () -> producer.partitionsFor(TEST_TOPIC));
        }
    }

    @ParameterizedTest(name = "{0} may not publish on {1}")
    @CsvSource({
        "enrolment, cpa.ledger.accounts",
        "catalogue, cpa.ledger.accounts",
        "identity, cpa.ledger.accounts",
        "ledger, cpa.enrolment.applications",
        "catalogue, cpa.enrolment.applications",
        "ledger, cpa.identity.holders",
        "enrolment, cpa.catalogue.offers",
        "platform-test, cpa.identity.holders"
    })
    void aServicePublishesOnlyItsOwnEvents(String user, String topic) {
        try (KafkaProducer<String, String> producer = producer(as(user))) {
            Exception refused = assertThrows(Exception.class, () -> producer
                    .send(new ProducerRecord<>(topic, "k", "forged")).get(10, TimeUnit.SECONDS));
            assertTrue(causedBy(refused, TopicAuthorizationException.class), user + " was refused: " + refused);
        }
    }

    @Test
    void aUserPublishesAndReadsWhatItIsAllowedTo() throws Exception {
        String value = "allowed-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(as("platform-test"));
                KafkaProbe probe = KafkaProbe.open(TEST_TOPIC)) {
            producer.send(new ProducerRecord<>(TEST_TOPIC, value, value)).get(10, TimeUnit.SECONDS);
            assertEquals(value, probe.await(r -> value.equals(r.value()), Duration.ofSeconds(20)).value());
        }
    }

    @Test
    void aServiceCannotJoinAnotherServicesConsumerGroup() {
        Properties props = as("enrolment");
        props.put("group.id", "cpa-ledger");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            // enrolment may read the topic, but taking part in the ledger's group would steal its records.
            consumer.subscribe(List.of("cpa.identity.holders"));
            assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)));
        }
    }

    private static Properties as(String user) {
        Properties props = LocalStack.kafkaClient(user, "local-development-only-" + user + "-kafka");
        props.put("max.block.ms", "10000");
        return props;
    }

    private static KafkaProducer<String, String> producer(Properties props) {
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
