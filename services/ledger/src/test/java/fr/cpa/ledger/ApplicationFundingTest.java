package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.ApplicationFunding;
import fr.cpa.ledger.domain.EntryKind;
import fr.cpa.ledger.domain.HolderSituations;
import fr.cpa.ledger.domain.Journal;
import fr.cpa.ledger.domain.NewEntry;
import fr.cpa.ledger.domain.TopUps;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.events.DomainEvent;
import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.EventHeaders;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.ApplicationAccepted;
import fr.cpa.platform.events.enrolment.ApplicationAccepted.FundingPlan;
import fr.cpa.platform.events.enrolment.ApplicationCancelled;
import fr.cpa.platform.events.enrolment.TrainingCompleted;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.rules.HolderContribution;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/**
 * The enrolment service's events, published on the real broker, hold, debit and free the holder's accounts, and the
 * ledger answers on cpa.ledger.accounts; after each scenario the accounts agree with their journal and top-ups.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ApplicationFundingTest {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    @Inject
    Accounts accounts;

    @Inject
    Journal journal;

    @Inject
    TopUps topUps;

    @Inject
    ApplicationFunding funding;

    @Inject
    PersonKeys personKeys;

    @Inject
    DataSource dataSource;

    @Inject
    HolderSituations situations;

    private LedgerState state;
    private KafkaProbe answers;

    @BeforeEach
    void openProbe() {
        state = new LedgerState(dataSource);
        answers = KafkaProbe.open(Topics.LEDGER_ACCOUNTS);
    }

    @AfterEach
    void closeProbe() {
        answers.close();
    }

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    /** A person whose CPF and CEC count euros, with rights of their own on them. */
    private record Person(String nir, String key) {
    }

    private Person person(long cpfCents, long cecCents) {
        String nir = TestNirs.fresh();
        String key = personKeys.of(Nir.parse(nir));
        QuarkusTransaction.requiringNew().run(() -> {
            Map<AccountKind, UUID> ids = accounts.open(key);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement euros = connection.prepareStatement(
                            "UPDATE account SET unit = 'EURO_CENTS' WHERE person_key = ? AND kind IN ('CPF', 'CEC')")) {
                euros.setString(1, key);
                euros.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            credit(ids.get(AccountKind.CPF), cpfCents);
            credit(ids.get(AccountKind.CEC), cecCents);
        });
        return new Person(nir, key);
    }

    private void credit(UUID account, long cents) {
        if (cents > 0) {
            journal.append(NewEntry.of(UUID.randomUUID(), account, EntryKind.YEARLY_CREDIT, cents, Unit.EURO_CENTS,
                    LocalDate.of(2025, 12, 31), "test", 2025, "crédit de test", Map.of()));
        }
    }

    /** A top-up by the demo funder (the REST API's own checks are TopUpTest's). */
    private UUID topUp(Person person, long cents, UUID application) {
        UUID id = UUID.randomUUID();
        topUps.topUp(id, new TopUps.Funder("demo-funder", "region-occitanie", null, TopUps.FunderType.REGION, "Région Occitanie"),
                Nir.parse(person.nir()), cents, "Titre professionnel de soudeur", application, TopUps.Conditions.DEFAULT);
        return id;
    }

    private static void publish(DomainEvent event) {
        Broker.publish(Topics.ENROLMENT_APPLICATIONS, EventEnvelope.of(event));
    }

    /** The ledger's answer about the application: its type, and its payload. */
    private JsonNode answer(String type, UUID application) {
        ConsumerRecord<String, String> record = answers.await(r -> type.equals(KafkaProbe.header(r,
                EventHeaders.EVENT_TYPE)) && payload(r).path("applicationId").asText().equals(application.toString()),
                ANSWER);
        return payload(record);
    }

    private long answersAbout(UUID application) {
        return answers.seen().stream()
                .filter(r -> payload(r).path("applicationId").asText().equals(application.toString())).count();
    }

    private static JsonNode payload(ConsumerRecord<String, String> record) {
        return EventEnvelope.fromJson(record.value()).payload();
    }

    private static ApplicationAccepted accepted(UUID application, Person person, long cpf, long cec) {
        return new ApplicationAccepted(application, person.key(), new FundingPlan(cpf, cec));
    }

    @Test
    void anAcceptedApplicationIsHeldOnceHowEverOftenItIsDelivered() {
        Person person = person(100_000, 0);
        UUID application = UUID.randomUUID();
        EventEnvelope accepted = EventEnvelope.of(accepted(application, person, 60_000, 0));
        Broker.publish(Topics.ENROLMENT_APPLICATIONS, accepted);
        Broker.publish(Topics.ENROLMENT_APPLICATIONS, accepted);
        Broker.publish(Topics.ENROLMENT_APPLICATIONS, accepted);
        // Another application of the same person comes after them on the same partition: once it is answered, the
        // three deliveries were handled.
        UUID next = UUID.randomUUID();
        publish(accepted(next, person, 10_000, 0));

        JsonNode reserved = answer("FundsReserved", application);
        assertEquals(60_000, reserved.path("cpfAmount").asLong());
        assertEquals(0, reserved.path("cecAmount").asLong());
        answer("FundsReserved", next);
        assertEquals(1, answersAbout(application), "one answer for three deliveries");
        LedgerState.Totals cpf = state.of(person.key(), "CPF");
        assertEquals(100_000, cpf.balance(), "a hold leaves the balance");
        assertEquals(70_000, cpf.pending());
        assertEquals(30_000, cpf.available());
        state.assertConsistent(person.key());
    }

    @Test
    void whenOneAccountIsShortNothingIsHeld() {
        Person person = person(50_000, 0);
        UUID cecShort = UUID.randomUUID();
        UUID cpfShort = UUID.randomUUID();
        publish(accepted(cecShort, person, 40_000, 10_000));
        publish(accepted(cpfShort, person, 60_000, 0));

        JsonNode refused = answer("FundsReservationRefused", cecShort);
        assertEquals("INSUFFICIENT_FUNDS", refused.path("reason").asText());
        assertEquals("CEC", refused.path("account").asText());
        refused = answer("FundsReservationRefused", cpfShort);
        assertEquals("CPF", refused.path("account").asText());
        assertEquals(0, state.of(person.key(), "CPF").pending(), "the CPF part that fitted is not held either");
        state.assertConsistent(person.key());
    }

    // L. 5151-2: from a full-rate pension, or at 67, the CPF cannot be used; the CEC stays usable.
    @Test
    void aHolderRetiredAtFullRateOrAged67CannotUseTheCpfButCanUseTheCec() throws SQLException {
        Person retired = person(100_000, 30_000);
        QuarkusTransaction.requiringNew().run(() -> situations.record(retired.key(), LocalDate.of(2025, 9, 1),
                "RETIRED", null, false));
        Person aged67 = person(100_000, 0);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement born = connection.prepareStatement(
                        "UPDATE account SET birth_date = ? WHERE person_key = ?")) {
            born.setObject(1, LocalDate.of(1950, 1, 1));
            born.setString(2, aged67.key());
            born.executeUpdate();
        }
        UUID withCpf = UUID.randomUUID();
        UUID withCecOnly = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        publish(accepted(withCpf, retired, 40_000, 10_000));
        publish(accepted(withCecOnly, retired, 0, 20_000));
        publish(accepted(old, aged67, 10_000, 0));

        JsonNode refused = answer("FundsReservationRefused", withCpf);
        assertEquals("CPF_FROZEN", refused.path("reason").asText());
        assertEquals("CPF", refused.path("account").asText());
        assertEquals(20_000, answer("FundsReserved", withCecOnly).path("cecAmount").asLong());
        assertEquals("CPF_FROZEN", answer("FundsReservationRefused", old).path("reason").asText());
        assertEquals(0, state.of(retired.key(), "CPF").pending(), "nothing held on the frozen CPF");
        assertEquals(20_000, state.of(retired.key(), "CEC").pending());
        state.assertConsistent(retired.key());
        state.assertConsistent(aged67.key());
    }

    @Test
    void aTrainingHalfAttendedCostsHalfPaidFirstByItsTopUpWhoseRestGoesBack() {
        Person person = person(60_000, 0);
        UUID application = UUID.randomUUID();
        UUID topUp = topUp(person, 80_000, application);
        publish(accepted(application, person, 120_000, 0));
        assertEquals(120_000, answer("FundsReserved", application).path("cpfAmount").asLong());
        assertEquals(0, state.of(person.key(), "CPF").earmarked(), "the application's hold covers its top-up");
        state.assertConsistent(person.key());

        publish(new TrainingCompleted(application, person.key(), 6_000, 3_000));
        JsonNode debited = answer("FundsDebited", application);
        assertEquals(60_000, debited.path("cpfAmount").asLong());
        assertEquals(60_000, debited.path("topUpsSpent").asLong());
        assertEquals(20_000, debited.path("topUpsReturned").asLong());
        assertEquals(new LedgerState.Totals("EURO_CENTS", 60_000, 0, 0, 0), state.of(person.key(), "CPF"),
                "the holder's own rights are untouched: the top-up paid, and its rest went back");
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry WHERE kind = 'TOP_UP_RETURN' AND amount = -20000
                AND inputs->>'topUpId' = ?""", topUp.toString()));
        state.assertConsistent(person.key());

        // The funder sees what became of its top-up; the application can no longer be topped up.
        String funder = Tokens.forClient("demo-funder");
        given().auth().oauth2(funder).get("/api/ledger/top-ups/" + topUp).then().statusCode(200)
                .body("used", equalTo(60_000))
                .body("returned", equalTo(20_000));
        given().auth().oauth2(funder).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID())
                .body(Map.of("nir", person.nir(), "amount", 100, "purpose", "complément", "applicationId",
                        application.toString()))
                .post("/api/ledger/top-ups").then().statusCode(409);
    }

    @Test
    void aCancelledOrRefusedApplicationIsFreedAndItsTopUpGoesBackWithoutEverServingAnother() {
        Person person = person(30_000, 20_000);
        UUID application = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        topUp(person, 20_000, application);
        // The top-up is the application's: another one cannot use it, even when the holder's own rights fall short.
        publish(accepted(other, person, 40_000, 0));
        assertEquals("CPF", answer("FundsReservationRefused", other).path("account").asText());
        publish(accepted(application, person, 50_000, 5_000));
        answer("FundsReserved", application);

        publish(new ApplicationCancelled(application, person.key(), "HOLDER_CANCELLED"));
        JsonNode released = answer("FundsReleased", application);
        assertEquals(50_000, released.path("cpfAmount").asLong());
        assertEquals(5_000, released.path("cecAmount").asLong());
        assertEquals(20_000, released.path("topUpsReturned").asLong());
        assertEquals(new LedgerState.Totals("EURO_CENTS", 30_000, 0, 0, 0), state.of(person.key(), "CPF"));
        assertEquals(20_000, state.of(person.key(), "CEC").available());
        state.assertConsistent(person.key());

        // An employer's refusal of a training in working time frees it alike.
        UUID refused = UUID.randomUUID();
        publish(accepted(refused, person, 30_000, 0));
        answer("FundsReserved", refused);
        publish(new ApplicationCancelled(refused, person.key(), "EMPLOYER_REFUSED"));
        assertEquals(30_000, answer("FundsReleased", refused).path("cpfAmount").asLong());
        assertEquals(30_000, state.of(person.key(), "CPF").available());
        state.assertConsistent(person.key());
    }

    @Test
    void aLateCancellationOrANoShowForfeitsWhatIsHeldItsTopUpSpentFirst() {
        Person person = person(50_000, 10_000);
        UUID late = UUID.randomUUID();
        topUp(person, 15_000, late);
        publish(accepted(late, person, 40_000, 10_000));
        answer("FundsReserved", late);

        publish(new ApplicationCancelled(late, person.key(), "HOLDER_CANCELLED_LATE"));
        JsonNode debited = answer("FundsDebited", late);
        assertEquals(40_000, debited.path("cpfAmount").asLong(), "the whole CPF hold is lost");
        assertEquals(10_000, debited.path("cecAmount").asLong());
        assertEquals(15_000, debited.path("topUpsSpent").asLong(), "the funder's top-up is spent, not returned");
        assertEquals(0, debited.path("topUpsReturned").asLong());
        assertEquals(new LedgerState.Totals("EURO_CENTS", 25_000, 0, 0, 0), state.of(person.key(), "CPF"),
                "50,000 own + 15,000 topped up − 40,000 forfeited");
        assertEquals(0, state.of(person.key(), "CEC").balance());
        state.assertConsistent(person.key());

        UUID noShow = UUID.randomUUID();
        publish(accepted(noShow, person, 5_000, 0));
        answer("FundsReserved", noShow);
        publish(new ApplicationCancelled(noShow, person.key(), "HOLDER_NO_SHOW"));
        assertEquals(5_000, answer("FundsDebited", noShow).path("cpfAmount").asLong());
        assertEquals(20_000, state.of(person.key(), "CPF").balance());
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry WHERE kind = 'RESERVATION_POSTED' AND amount = -5000
                AND inputs->>'cause' = 'HOLDER_NO_SHOW' AND inputs->>'applicationId' = ?""", noShow.toString()));
        state.assertConsistent(person.key());
    }

    @Test
    void aTopUpForAnApplicationIsAnnouncedAndShownInTheHoldersFundingForIt() {
        String nir = TestNirs.fresh();
        TestHolders.TestHolder holder = TestHolders.fresh(personKeys.of(Nir.parse(nir)), LocalDate.of(1980, 5, 4));
        UUID application = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Map<AccountKind, UUID> ids = accounts.open(holder.personKey());
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement euros = connection.prepareStatement(
                            "UPDATE account SET unit = 'EURO_CENTS' WHERE person_key = ? AND kind IN ('CPF', 'CEC')")) {
                euros.setString(1, holder.personKey());
                euros.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            credit(ids.get(AccountKind.CPF), 70_000);
            credit(ids.get(AccountKind.CEC), 24_000);
        });
        // An employer tops up only the people it declares.
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", 2025, "hoursWorked", 1607, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of()))
                .post("/api/ledger/declarations").then().statusCode(201);
        UUID topUp = UUID.randomUUID();
        topUps.topUp(topUp, new TopUps.Funder("demo-employer", "73282932000074", "73282932000074",
                TopUps.FunderType.EMPLOYER, "Boulangerie Martin"), Nir.parse(nir), 30_000, "Formation de pâtissier", application,
                TopUps.Conditions.DEFAULT);
        // Another application's top-up is out of this one's reach.
        topUps.topUp(UUID.randomUUID(), new TopUps.Funder("demo-funder", "region-occitanie", null,
                TopUps.FunderType.REGION, "Région Occitanie"), Nir.parse(nir), 9_000, "Autre formation", UUID.randomUUID(),
                TopUps.Conditions.DEFAULT);

        JsonNode announced = answer("ApplicationToppedUp", application);
        assertEquals(topUp.toString(), announced.path("topUpId").asText());
        assertEquals("demo-employer", announced.path("funderClientId").asText());
        assertEquals("73282932000074", announced.path("funderSiret").asText());
        assertEquals("EMPLOYER", announced.path("funderType").asText());
        assertEquals(30_000, announced.path("amount").asLong());

        given().auth().oauth2(holder.token()).queryParam("applicationId", application.toString())
                .get("/api/ledger/me/funding").then().statusCode(200)
                .body("cpf.unit", equalTo("EURO_CENTS"))
                .body("cpf.free", equalTo(70_000))
                .body("cpf.earmarkedForApplication", equalTo(30_000))
                .body("cpf.topUps[0].id", equalTo(topUp.toString()))
                .body("cpf.topUps[0].funderType", equalTo("EMPLOYER"))
                .body("cpf.topUps[0].amount", equalTo(30_000))
                .body("cpf.topUps.size()", equalTo(1))
                .body("cec.available", equalTo(24_000))
                .body("cpp.points", equalTo(0))
                .body("cpp.pointValue", equalTo(50_000))
                // The contribution the enrolment flow would ask today, read from the same dated book.
                .body("contribution.amount", equalTo(Math.toIntExact(
                        HolderContribution.inForce(LocalDate.now()).orElseThrow().value())))
                .body("contribution.law", startsWith("L. 6323-4"))
                .body("cpf.frozen", nullValue());
        // Without an application, no top-up is the holder's to spend.
        given().auth().oauth2(holder.token()).get("/api/ledger/me/funding").then().statusCode(200)
                .body("cpf.free", equalTo(70_000))
                .body("cpf.topUps.size()", equalTo(0));
        given().auth().oauth2(Tokens.forClient("demo-funder")).get("/api/ledger/me/funding").then().statusCode(403);
    }

    @Test
    void aHundredConcurrentAcceptancesNeverHoldMoreThanEitherAccountHas() throws Exception {
        Person person = person(100_000, 40_000);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ApplicationAccepted accepted = accepted(UUID.randomUUID(), person, 3_000, 1_000);
            done.add(pool.submit(() -> {
                start.await();
                QuarkusTransaction.requiringNew().run(() -> funding.accept(accepted));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        LedgerState.Totals cpf = state.of(person.key(), "CPF");
        LedgerState.Totals cec = state.of(person.key(), "CEC");
        assertEquals(33 * 3_000, cpf.pending(), "the CPF holds 33 applications of 30 €");
        assertEquals(33 * 1_000, cec.pending(), "and the CEC their part only: the refused ones hold nothing");
        assertTrue(cpf.available() >= 0 && cec.available() >= 0);
        state.assertConsistent(person.key());
    }
}
