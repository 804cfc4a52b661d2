package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.testing.TestNirs;

/**
 * An employer sends a CSV file of declarations: each line is checked like a single declaration and recorded with the
 * same upsert, bad lines are reported by number and reason, never with a NIR, and only the employer sees its batch.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DeclarationBatchTest {

    private static final String SIRET = "73282932000074"; // demo-employer's
    private static final String HEADER = "nir,year,hoursWorked,referenceHours,contractType,lowQualified,cppExposures\n";
    private static final String BATCHES = "/api/ledger/declarations/batches";

    @Inject
    DataSource dataSource;

    @Inject
    PersonKeys personKeys;

    private record Stored(long minutesWorked, Long referenceMinutes, String contractType, boolean lowQualified,
            String exposures, int revision) {
    }

    @Test
    void goodLinesAreRecordedAndBadOnesReportedByLineAndField() {
        String a = TestNirs.fresh();
        String badKey = TestNirs.fresh().substring(0, 13) + "00";
        String b = TestNirs.fresh();
        String c = TestNirs.fresh();
        String d = TestNirs.fresh();
        String file = HEADER
                + a + ",2024,1607,,PERMANENT,false,NIGHT_WORK:1|NIGHT_WORK:2\n"       // 2: recorded
                + badKey + ",2024,10,,PERMANENT,false,\n"                               // 3: the NIR's key
                + b + ",2013,10.555,,PERMANENT,maybe,BOREDOM:1|NOISE:5\r\n"             // 4: five fields
                + "\n"                                                                  // 5: blank, skipped
                + c + ",2024,803.55,1500,\"FIXED_TERM\",TRUE,\n"                        // 6: recorded
                + a + ",2024,12,,PERMANENT,false,\n"                                    // 7: line 2 again
                + d + ",2024,100\n";                                                    // 8: three fields
        String employer = Tokens.forClient("demo-employer");

        Response sent = upload(employer, file, null);
        sent.then().statusCode(202).body("lines", equalTo(6)).body("rejected", equalTo(3));
        String location = sent.header("Location");
        JsonPath done = awaitDone(employer, location);

        assertEquals(6, done.getInt("lines"));
        assertEquals(2, done.getInt("accepted"));
        assertEquals(4, done.getInt("rejected"));
        assertEquals(List.of(3, 4, 7, 8), done.getList("rejections.items.line"));
        assertEquals(List.of("nir"), done.getList("rejections.items[0].errors.field"));
        assertEquals("has a key that does not match the number", done.getString("rejections.items[0].errors[0].reason"));
        assertEquals(List.of("year", "hoursWorked", "lowQualified", "cppExposures[0].factor",
                "cppExposures[1].quarter"), done.getList("rejections.items[1].errors.field"));
        assertEquals("must be true or false", done.getString("rejections.items[1].errors[2].reason"));
        assertNull(done.get("rejections.items[2].errors[0].field"));
        assertTrue(done.getString("rejections.items[2].errors[0].reason").contains("line 2"));
        assertEquals("has 3 fields where the header has 7", done.getString("rejections.items[3].errors[0].reason"));
        String body = given().auth().oauth2(employer).get(location).asString();
        for (String nir : List.of(a, badKey, b, c, d)) {
            assertFalse(body.contains(nir.substring(0, 13)), "a NIR in the report");
        }

        assertEquals(new Stored(1607 * 60, null, "PERMANENT", false,
                "[{\"factor\": \"NIGHT_WORK\", \"quarter\": 1}, {\"factor\": \"NIGHT_WORK\", \"quarter\": 2}]", 1),
                stored(a, 2024).orElseThrow());
        assertEquals(new Stored(48213, 90000L, "FIXED_TERM", true, "[]", 1), stored(c, 2024).orElseThrow());
        assertEquals(Optional.empty(), stored(b, 2013));
        assertEquals(Optional.empty(), stored(d, 2024));
    }

    // A public employer's file may say the agent's category and post; another employer's file may not.
    @Test
    void aPublicEmployersFileCarriesTheAgentsCategoryAndPost() throws SQLException {
        String publicHeader = HEADER.replace("\n", ",publicServiceCategory,reducedDurationPost\n");
        String agent = TestNirs.fresh();
        String other = TestNirs.fresh();
        String plain = TestNirs.fresh();
        String file = publicHeader
                + agent + ",2024,964.2,,PERMANENT,true,,C,true\n"      // 2: category C, reduced post
                + other + ",2024,1607,,PERMANENT,false,,D,\n"          // 3: no such category
                + plain + ",2024,1607,,PERMANENT,false,,,\n";          // 4: nothing said of the post
        String commune = Tokens.forClient(DemoLogins.PUBLIC_EMPLOYER_CLIENT);
        JsonPath done = awaitDone(commune, upload(commune, file, null).header("Location"));
        assertEquals(2, done.getInt("accepted"));
        assertEquals(List.of(3), done.getList("rejections.items.line"));
        assertEquals("publicServiceCategory", done.getString("rejections.items[0].errors[0].field"));
        assertEquals(List.of("PUBLIC", "C", "true"), publicPost(agent));
        assertEquals(List.of("PUBLIC", "-", "false"), publicPost(plain));

        // The same columns from a private employer: each line giving them is refused, the others recorded.
        String employer = Tokens.forClient("demo-employer");
        String privateAgent = TestNirs.fresh();
        String privatePlain = TestNirs.fresh();
        JsonPath refused = awaitDone(employer, upload(employer, publicHeader
                + privateAgent + ",2024,1607,,PERMANENT,false,,C,\n"
                + privatePlain + ",2024,1607,,PERMANENT,false,,,\n", null).header("Location"));
        assertEquals(1, refused.getInt("accepted"));
        assertEquals("only a public employer declares an agent's category or post",
                refused.getString("rejections.items[0].errors[0].reason"));
        assertEquals(List.of("PRIVATE", "-", "false"), publicPost(privatePlain));
    }

    /** The declaration's sector, category ("-" for none) and reduced-duration post, whoever declared it. */
    private List<String> publicPost(String nir) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT employer_sector, coalesce(public_category, '-'), reduced_duration_post::text
                        FROM declaration WHERE person_key = ?""")) {
            select.setString(1, personKeys.of(Nir.parse(nir)));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "recorded");
                return List.of(row.getString(1), row.getString(2), row.getString(3));
            }
        }
    }

    @Test
    void hoursBeyondADecimalsBoundsAreRejectedByField() {
        String file = HEADER + TestNirs.fresh() + ",2024,1e30000000," + "1".repeat(40) + ",PERMANENT,false,\n";
        String employer = Tokens.forClient("demo-employer");

        Response sent = upload(employer, file, null);
        sent.then().statusCode(202).body("lines", equalTo(1)).body("rejected", equalTo(1));
        JsonPath done = awaitDone(employer, sent.header("Location"));

        assertEquals(List.of("hoursWorked", "referenceHours"), done.getList("rejections.items[0].errors.field"));
        assertEquals(List.of("must be a decimal number with an exponent from -9 to 9, if any",
                "must be a decimal number of at most 32 characters"), done.getList("rejections.items[0].errors.reason"));
    }

    @Test
    void rejectedLinesComePageByPage() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) {
            file.append(TestNirs.fresh()).append(",1999,10,,PERMANENT,false,\n");
        }
        String employer = Tokens.forClient("demo-employer");
        String location = upload(employer, file.toString(), null).then().statusCode(202).extract().header("Location");
        awaitDone(employer, location);
        given().auth().oauth2(employer).queryParam("page", 1).queryParam("size", 2).get(location).then()
                .statusCode(200)
                .body("rejected", equalTo(5))
                .body("rejections.items.line", equalTo(List.of(4, 5)))
                .body("rejections.totalItems", equalTo(5))
                .body("rejections.totalPages", equalTo(3))
                .header("Link", containsString("rel=\"next\""));
    }

    @Test
    void aLineReplacesTheEmployersEarlierDeclarationOfTheEmployeeYear() {
        String employer = Tokens.forClient("demo-employer");
        String nir = TestNirs.fresh();
        given().auth().oauth2(employer).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "year", 2023, "hoursWorked", 1000, "contractType", "PERMANENT",
                        "lowQualified", false, "cppExposures", List.of()))
                .post("/api/ledger/declarations").then().statusCode(201);

        String location = upload(employer, HEADER + nir + ",2023,1200.5,,APPRENTICESHIP,true,NOISE:3\n", null)
                .then().statusCode(202).extract().header("Location");
        assertEquals(1, awaitDone(employer, location).getInt("accepted"));

        assertEquals(new Stored(72030, null, "APPRENTICESHIP", true, "[{\"factor\": \"NOISE\", \"quarter\": 3}]", 2),
                stored(nir, 2023).orElseThrow());
    }

    @Test
    void onlyItsEmployerSeesABatchAndOnlyEmployersSendThem() {
        String employer = Tokens.forClient("demo-employer");
        String location = upload(employer, HEADER + TestNirs.fresh() + ",2024,10,,OTHER,false,\n", null)
                .then().statusCode(202).extract().header("Location");
        given().auth().oauth2(Tokens.forClient("demo-employer-2")).get(location).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.forClient("demo-employer")).get(BATCHES + "/" + UUID.randomUUID()).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD))
                .contentType("text/csv").body(HEADER).post(BATCHES).then().statusCode(403);
    }

    @Test
    void aFileThatIsNoDeclarationFileIsRefusedWhole() {
        String employer = Tokens.forClient("demo-employer");
        String line = TestNirs.fresh() + ",2024,10,,OTHER,false,\n";
        for (String file : List.of(line, "nir,year,contractType\n" + line, "",
                "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR")) {
            given().auth().oauth2(employer).contentType("text/csv").body(file).post(BATCHES).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:cpa:problem:bad-declaration-file"))
                    .body("detail", containsString(HEADER.trim()))
                    .body(not(containsString(line.substring(0, 13))));
        }
        given().auth().oauth2(employer).contentType(ContentType.JSON).body(Map.of("nir", "x"))
                .post(BATCHES).then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void theSameFileSentAgainWithItsIdempotencyKeyIsTheSameBatch() {
        String employer = Tokens.forClient("demo-employer");
        String nir = TestNirs.fresh();
        String file = HEADER + nir + ",2022,700,,PERMANENT,false,\n";
        String key = "batch-" + UUID.randomUUID();
        String location = upload(employer, file, key).then().statusCode(202).extract().header("Location");
        awaitDone(employer, location);

        upload(employer, file, key).then().statusCode(202)
                .header("Location", equalTo(location))
                .header("Idempotent-Replayed", equalTo("true"))
                .body("status", equalTo("DONE"));
        upload(employer, HEADER + nir + ",2022,800,,PERMANENT,false,\n", key).then().statusCode(422)
                .body("type", equalTo("urn:cpa:problem:idempotency-key-reused"));
        assertEquals(1, stored(nir, 2022).orElseThrow().revision());
        upload(employer, file, "bad key").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    /**
     * 50,000 generated lines, streamed from the test (never held) to the service (which holds one at a time). They
     * are removed afterwards: left, they would slow every later accrual of their year.
     */
    @Test
    void aLargeFileIsReadAsAStream() {
        int count = 50_000;
        int year = 2018;
        TestNirs.Series series = TestNirs.series();
        String employer = Tokens.forClient("demo-employer");
        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        Response sent = given().auth().oauth2(employer).contentType("text/csv")
                .body(generated(count, i -> series.nir(i) + "," + year + "," + (i % 1607) + ".25,,PERMANENT,false,"
                        + (i % 3 == 0 ? "NIGHT_WORK:" + (1 + i % 4) : "") + "\n"))
                .post(BATCHES);
        long uploaded = System.nanoTime();
        String location = sent.header("Location");
        try {
            sent.then().statusCode(202).body("lines", equalTo(count)).body("rejected", equalTo(0));
            JsonPath done = awaitDone(employer, location);
            long recorded = System.nanoTime();
            assertEquals(count, done.getInt("accepted"));
            assertEquals(0, done.getInt("rejected"));
            assertEquals(new Stored(49999 % 1607 * 60 + 15, null, "PERMANENT", false, "[]", 1),
                    stored(series.nir(49999), year).orElseThrow(), "the last line");
            System.out.printf("%d lines: read and set aside in %d ms, recorded %d ms later; heap used %d MB before, "
                    + "%d MB after (max %d MB)%n", count, (uploaded - start) / 1_000_000,
                    (recorded - uploaded) / 1_000_000, heapBefore >> 20, usedHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            if (location != null) {
                forget(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
            }
        }
    }

    private static Response upload(String token, String file, String idempotencyKey) {
        var request = given().auth().oauth2(token).contentType("text/csv; charset=utf-8")
                .body(file.getBytes(StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(BATCHES);
    }

    private static JsonPath awaitDone(String token, String location) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                "DONE".equals(given().auth().oauth2(token).get(location).path("status")));
        JsonPath done = given().auth().oauth2(token).get(location).then().statusCode(200)
                .body("finishedAt", not(nullValue())).extract().jsonPath();
        assertEquals(done.getInt("lines"), done.getInt("accepted") + done.getInt("rejected"));
        return done;
    }

    /** The header, then {@code count} lines made as they are read. */
    private static InputStream generated(int count, IntFunction<String> line) {
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next < count;
            }

            @Override
            public InputStream nextElement() {
                String text = next < 0 ? HEADER : line.apply(next);
                next++;
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(parts);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Removes a batch, its declarations and the accounts they opened (none has an entry). */
    private void forget(UUID batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement accounts = connection.prepareStatement("""
                        DELETE FROM account a USING declaration d
                        WHERE d.batch_id = ? AND a.person_key = d.person_key
                            AND NOT EXISTS (SELECT 1 FROM account_entry e WHERE e.account_id = a.id)""");
                PreparedStatement declarations = connection.prepareStatement(
                        "DELETE FROM declaration WHERE batch_id = ?");
                PreparedStatement batches = connection.prepareStatement(
                        "DELETE FROM declaration_batch WHERE id = ?")) {
            for (PreparedStatement delete : List.of(accounts, declarations, batches)) {
                delete.setObject(1, batch);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Stored> stored(String nir, int year) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT minutes_worked, reference_minutes, contract_type, low_qualified, cpp_exposures::text,
                            revision
                        FROM declaration WHERE siret = ? AND year = ? AND person_key = ?""")) {
            select.setString(1, SIRET);
            select.setInt(2, year);
            select.setString(3, personKeys.of(Nir.parse(nir)));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long read = row.getLong(2);
                Long reference = row.wasNull() ? null : read;
                return Optional.of(new Stored(row.getLong(1), reference, row.getString(3),
                        row.getBoolean(4), row.getString(5), row.getInt(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
