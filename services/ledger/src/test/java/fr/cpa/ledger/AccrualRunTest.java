package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import fr.cpa.ledger.domain.Difs;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.KafkaProbe;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/** The yearly accrual from real declarations: credit, idempotent re-run, correction after a replaced declaration. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AccrualRunTest {

    private static final int YEAR = 2024;

    @Inject
    DataSource dataSource;

    @Inject
    PersonKeys personKeys;

    @Inject
    Difs difs;

    @AfterAll
    static void deleteLogins() {
        TestHolders.deleteLogins();
    }

    private static void declare(String employer, String nir, double hours) {
        declare(employer, nir, hours, List.of());
    }

    private static void declare(String employer, String nir, double hours, List<Map<String, Object>> exposures) {
        declare(employer, nir, YEAR, hours, exposures);
    }

    private static void declare(String employer, String nir, int year, double hours,
            List<Map<String, Object>> exposures) {
        given().auth().oauth2(Tokens.forClient(employer)).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", year, "hoursWorked", hours, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", exposures))
                .post("/api/ledger/declarations").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void runYear() {
        runYear(YEAR);
    }

    private static void runYear(int year) {
        String operator = Tokens.forClient("demo-operator");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("year", year))
                .post("/api/ledger/accrual-runs").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(given().auth().oauth2(operator).get("/api/ledger/accrual-runs/" + year).path("status")));
    }

    @Test
    void aYearIsCreditedOnceAndCorrectedWhenADeclarationIsReplaced() throws Exception {
        String nir = TestNirs.bornIn(1985, 6);
        String personKey = personKeys.of(Nir.parse(nir));
        declare("demo-employer", nir, 1607);
        try (KafkaProbe accounts = KafkaProbe.open(Topics.LEDGER_ACCOUNTS)) {
            runYear();
            // 2024 is credited in euros (the account had no hours to convert): €500 for a full year.
            assertEquals(List.of("YEARLY_CREDIT:50000"), entries(personKey));
            assertEquals(50000, balance(personKey));
            ConsumerRecord<String, String> credited = accounts.await(r -> personKey.equals(r.key()), Duration.ofSeconds(20));
            assertEquals("RightsCredited", KafkaProbe.header(credited, "cpa-event-type"));
            JsonNode payload = new ObjectMapper().readTree(credited.value()).path("payload");
            assertEquals(50000, payload.path("amount").asLong());
            assertEquals("EURO_CENTS", payload.path("unit").asText());
        }

        runYear();
        assertEquals(1, entries(personKey).size(), "re-running the year writes nothing");

        // The employer corrects: 400 h only, under half the legal duration, so prorated (400/1607 of €500).
        declare("demo-employer", nir, 400);
        runYear();
        assertEquals("CORRECTION:-37554", entries(personKey).get(1));
        assertEquals(12446, balance(personKey));

        // A second employer's 1 000 h make 1 400 h in the year: at least half, so the full credit again.
        declare("demo-employer-2", nir, 1000);
        runYear();
        assertEquals("CORRECTION:37554", entries(personKey).get(2));
        assertEquals(50000, balance(personKey));
        runYear();
        assertEquals(3, entries(personKey).size());
    }

    // DIF hours do not count toward the 150 h ceiling of 2015–2018 (loi 2014-288); they do from 23 August 2019
    // (ordonnance 2019-861).
    @Test
    void difHoursStayOutOfTheCeilingOfTheYearsInHours() throws Exception {
        String nir = TestNirs.bornIn(1980, 4);
        String personKey = personKeys.of(Nir.parse(nir));
        TestHolders.TestHolder holder = TestHolders.fresh(personKey, LocalDate.of(1980, 4, 15));
        declare("demo-employer", nir, 2015, 1607, List.of());
        declare("demo-employer", nir, 2016, 1607, List.of());
        runYear(2015);
        difs.enter(holder.id(), new BigDecimal("120"),
                new Difs.Justification(DifTest.PDF, "application/pdf", "attestation.pdf"), LocalDate.of(2016, 3, 1));
        runYear(2016);
        // Full time in 2016 is 24 h, as without the DIF; counted, its 120 h would have made 144 h earned, past the
        // 120 h step and up to the 150 h ceiling: 6 h.
        assertEquals(List.of("YEARLY_CREDIT:1440", "DIF_ENTRY:7200", "YEARLY_CREDIT:1440"), entries(personKey));
    }

    @Test
    void quartersOfExposureEarnCppPointsAcrossEmployers() throws Exception {
        String nir = TestNirs.bornIn(1985, 6);
        String personKey = personKeys.of(Nir.parse(nir));
        List<Map<String, Object>> nightWork = List.of(Map.of("factor", "NIGHT_WORK", "quarter", 1),
                Map.of("factor", "NIGHT_WORK", "quarter", 2), Map.of("factor", "NIGHT_WORK", "quarter", 3),
                Map.of("factor", "NIGHT_WORK", "quarter", 4));
        declare("demo-employer", nir, 1607, nightWork);
        runYear();
        assertEquals(List.of("YEARLY_CREDIT:4"), entries(personKey, "CPP"), "one factor, four quarters: 4 points");
        // Another employer declares noise in the first quarter: two factors that quarter, 2 points instead of 1.
        declare("demo-employer-2", nir, 100, List.of(Map.of("factor", "NOISE", "quarter", 1)));
        runYear();
        assertEquals(List.of("YEARLY_CREDIT:4", "CORRECTION:1"), entries(personKey, "CPP"));
        runYear();
        assertEquals(2, entries(personKey, "CPP").size());
    }

    @Test
    void aDeathAnnouncedByIdentityClosesTheAccountsAndTheYearOfDeathEarnsNothing() throws Exception {
        String nir = TestNirs.bornIn(1985, 6);
        String personKey = personKeys.of(Nir.parse(nir));
        declare("demo-employer", nir, 1607, List.of(Map.of("factor", "NOISE", "quarter", 1)));
        IdentityEvents.publish(new HolderClosed(null, personKey, "DEATH", java.time.Instant.now(),
                LocalDate.of(YEAR, 6, 30)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> closedOn(personKey) != null);
        runYear();
        assertEquals(List.of(), entries(personKey, "CPF"));
        assertEquals(List.of(), entries(personKey, "CPP"));
    }

    @Test
    void civicEngagementEarnsPerKindOfActivityUpToTheCeilingAndItsHoursBecomeEurosAtTheirOwnRate() throws Exception {
        String nir = TestNirs.bornIn(1985, 6);
        String personKey = personKeys.of(Nir.parse(nir));
        // An employer's declaration opens the accounts with the birth date the NIR gives (May 1985).
        declare("demo-employer", nir, 2018, 0, List.of());
        certify(personKey, 2018, "SERVICE_CIVIQUE", 8, 0);
        runYear(2018);
        assertEquals(List.of("YEARLY_CREDIT:1200"), entries(personKey, "CEC"), "20 h for a service civique in 2018");

        certify(personKey, 2025, "SERVICE_CIVIQUE", 7, 0);
        certify(personKey, 2025, "BENEVOLAT_ASSOCIATIF", 250 * 60, 120 * 60);
        runYear(2025);
        // The 20 h became €240 at €12 an hour, then €240 per kind of activity: €720, the ceiling.
        assertEquals(List.of("CONVERSION_TO_EUROS:-1200", "CONVERSION_TO_EUROS:24000", "YEARLY_CREDIT:1200",
                "YEARLY_CREDIT:24000", "YEARLY_CREDIT:24000"), sorted(entries(personKey, "CEC")));
        assertEquals(72000, balance(personKey, "CEC"));

        // A third kind the same year finds the ceiling reached: nothing more, and re-running writes nothing.
        certify(personKey, 2025, "RESERVE_MILITAIRE", 100, 0);
        runYear(2025);
        runYear(2025);
        assertEquals(5, entries(personKey, "CEC").size());
        assertEquals(List.of(), entries(personKey, "CPF"), "no hours worked, no CPF credit");
    }

    // The population is a fact of the declaring employer (ordonnance 2017-53), not of what the holder tells today.
    @Test
    void aPublicEmployersDeclarationMakesAPublicServiceYearWhateverTheProfileSays() throws Exception {
        // A public servant whose profile said nothing until 2026: the commune declared 2020 and 2021, part time on a
        // full post, which counts as full time: 25 h a year (décret 2019-1392; décret 2017-928, art. 2), not €1,000.
        String nir = TestNirs.bornIn(1985, 6);
        String servant = personKeys.of(Nir.parse(nir));
        declare(DemoLogins.PUBLIC_EMPLOYER_CLIENT, nir, 2020, 800, List.of());
        declare(DemoLogins.PUBLIC_EMPLOYER_CLIENT, nir, 2021, 800, List.of());
        announceSituation(servant, LocalDate.of(2026, 3, 1), "PUBLIC_SERVANT", "LEVEL_5");
        runYear(2020);
        runYear(2021);
        assertEquals(List.of("YEARLY_CREDIT:1500", "YEARLY_CREDIT:1500"), entries(servant, "CPF"));
        assertEquals("MINUTES", unitOfLastEntry(servant));

        // Category C without a level-3 qualification on a post of reduced duration (60 %): 50 h prorated, 30 h.
        String nirC = TestNirs.bornIn(1985, 6);
        String agentC = personKeys.of(Nir.parse(nirC));
        given().auth().oauth2(Tokens.forClient(DemoLogins.PUBLIC_EMPLOYER_CLIENT)).contentType(ContentType.JSON)
                .body(Map.of("nir", nirC, "year", 2021, "hoursWorked", 964.2, "contractType", "PERMANENT",
                        "lowQualified", true, "publicServiceCategory", "C", "reducedDurationPost", true))
                .post("/api/ledger/declarations").then().statusCode(201)
                .body("employerSector", equalTo("PUBLIC")).body("publicServiceCategory", equalTo("C"))
                .body("reducedDurationPost", equalTo(true));
        runYear(2021);
        assertEquals(List.of("YEARLY_CREDIT:1800"), entries(agentC, "CPF"));

        // Telling the profile "public servant" does not make a private employer's year one: €500, not 25 h.
        String told = personKeys.of(Nir.parse(declareNew(2023)));
        announceSituation(told, LocalDate.of(2023, 3, 1), "PUBLIC_SERVANT", "LEVEL_5");
        runYear(2023);
        assertEquals(List.of("YEARLY_CREDIT:50000"), entries(told, "CPF"));

        // Only a public employer says what a public post is.
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON)
                .body(Map.of("nir", TestNirs.bornIn(1985, 6), "year", 2021, "hoursWorked", 1607,
                        "contractType", "PERMANENT", "lowQualified", false, "publicServiceCategory", "C"))
                .post("/api/ledger/declarations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("publicServiceCategory"));
    }

    @Test
    void theHoldersOwnDiplomaChoosesTheLowQualifiedRateByDate() throws Exception {
        // No diploma until a level-4 one in April 2024: 2024 still earns the low-qualified €800, 2025 the usual €500.
        String nir = declareNew(2024);
        declare("demo-employer", nir, 2025, 1607, List.of());
        String graduate = personKeys.of(Nir.parse(nir));
        announceSituation(graduate, LocalDate.of(2022, 1, 10), "EMPLOYEE", "NONE");
        announceSituation(graduate, LocalDate.of(2024, 4, 1), "EMPLOYEE", "LEVEL_4");
        runYear(2024);
        runYear(2025);
        assertEquals(List.of("YEARLY_CREDIT:50000", "YEARLY_CREDIT:80000"), sorted(entries(graduate, "CPF")));
    }

    private String declareNew(int year) {
        String nir = TestNirs.bornIn(1985, 6);
        declare("demo-employer", nir, year, 1607, List.of());
        return nir;
    }

    /** What identity announces when a holder changes their situation, dated as if it happened that day. */
    private void announceSituation(String personKey, LocalDate day, String status, String diplomaLevel)
            throws SQLException {
        fr.cpa.platform.events.EventEnvelope now = fr.cpa.platform.events.EventEnvelope.of(
                new fr.cpa.platform.events.identity.HolderProfileChanged(java.util.UUID.randomUUID(), personKey,
                        List.of("employmentStatus", "diplomaLevel"), status, null, null, null, null, diplomaLevel,
                        false));
        IdentityEvents.publish(new fr.cpa.platform.events.EventEnvelope(now.id(), now.type(), now.version(),
                day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC), now.subjectKey(), now.correlationId(),
                now.payload()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM holder_situation WHERE person_key = ? AND effective_from = '" + day + "'",
                personKey) == 1);
    }

    /** What a certifying body declares (its endpoint is tested with the declarations). */
    private void certify(String personKey, int year, String activity, long measure, long secondMeasure)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO cec_declaration (id, declarer, year, person_key, activity, measure, second_measure)
                        VALUES (gen_random_uuid(), 'test-certifier', ?, ?, ?, ?, ?)""")) {
            insert.setInt(1, year);
            insert.setString(2, personKey);
            insert.setString(3, activity);
            insert.setLong(4, measure);
            insert.setLong(5, secondMeasure);
            insert.executeUpdate();
        }
    }

    private long count(String sql, String personKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, personKey);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String unitOfLastEntry(String personKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT e.unit FROM account_entry e JOIN account a ON a.id = e.account_id
                        WHERE a.person_key = ? AND a.kind = 'CPF' ORDER BY e.recorded_at DESC LIMIT 1""")) {
            select.setString(1, personKey);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static List<String> sorted(List<String> entries) {
        return entries.stream().sorted().toList();
    }

    @Test
    void onlyOperatorsRunTheAccrualAndOnlyForPastYears() {
        given().auth().oauth2(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD))
                .contentType(ContentType.JSON).body(Map.of("year", YEAR))
                .post("/api/ledger/accrual-runs").then().statusCode(403);
        given().auth().oauth2(Tokens.forClient("demo-employer")).contentType(ContentType.JSON).body(Map.of("year", YEAR))
                .post("/api/ledger/accrual-runs").then().statusCode(403);
        given().auth().oauth2(Tokens.forClient("demo-operator")).contentType(ContentType.JSON)
                .body(Map.of("year", java.time.Year.now().getValue()))
                .post("/api/ledger/accrual-runs").then().statusCode(400).body("errors[0].field", equalTo("year"));
    }

    private List<String> entries(String personKey) throws SQLException {
        return entries(personKey, "CPF");
    }

    /** The account's entries as kind:amount, oldest first; the balance equals their sum. */
    private List<String> entries(String personKey, String account) throws SQLException {
        List<String> entries = new ArrayList<>();
        long sum = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT e.kind, e.amount FROM account_entry e JOIN account a ON a.id = e.account_id
                        WHERE a.person_key = ? AND a.kind = ? ORDER BY e.recorded_at, e.amount""")) {
            select.setString(1, personKey);
            select.setString(2, account);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString(1) + ":" + rows.getLong(2));
                    sum += rows.getLong(2);
                }
            }
        }
        assertEquals(balance(personKey, account), sum, "the balance is the sum of the journal");
        return entries;
    }

    private LocalDate closedOn(String personKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT closed_on FROM account WHERE person_key = ? AND kind = 'CPF'")) {
            select.setString(1, personKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getObject(1, LocalDate.class) : null;
            }
        }
    }

    private long balance(String personKey) throws SQLException {
        return balance(personKey, "CPF");
    }

    private long balance(String personKey, String account) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT balance FROM account WHERE person_key = ? AND kind = ?")) {
            select.setString(1, personKey);
            select.setString(2, account);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
