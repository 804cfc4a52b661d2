package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.web.upload.UploadSlots;

/** Training organisations import their offers from LHEO files and read the reports of their imports. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ImportTest {

    private static final String SIRET = "91234567500017";
    private static final String OTHER_SIRET = "44306184100047";
    private static final String IMPORTS = "/api/catalogue/imports";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;

    @Inject
    UploadSlots slots;

    private String org;
    private String run;

    @BeforeEach
    void describeTheOrganisation() {
        org = Tokens.forClient("demo-training-org");
        run = "t" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(org).contentType(ContentType.JSON)
                .body(Map.of("name", "Formations du Littoral", "street", "12 quai de la Fosse", "postcode", "44000",
                        "city", "Nantes", "qualiopiGranted", "2022-03-15"))
                .put("/api/catalogue/organisations/" + SIRET).then().statusCode(200);
    }

    /** A test file, its formations numbered for this test only. */
    private byte[] file(String name) {
        try (InputStream in = ImportTest.class.getResourceAsStream("/lheo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("RUN-", run + "-")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(byte[] body) {
        return given().auth().oauth2(org).contentType("application/xml").body(body).post(IMPORTS);
    }

    private String offerOf(String numero) {
        Db db = new Db(dataSource);
        assertEquals(1, db.count("SELECT count(*) FROM offer WHERE organisation_siret = ? AND lheo_numero = ?",
                SIRET, numero), numero);
        return db.text("SELECT id::text FROM offer WHERE organisation_siret = ? AND lheo_numero = ?", SIRET, numero);
    }

    @Test
    void aFileImportsItsFormationsAndImportedAgainUpdatesThemWithoutDuplicates() {
        String id = send(file("offres-valides.xml")).then().statusCode(201)
                .header("Location", containsString(IMPORTS + "/"))
                .body("status", equalTo("DONE"))
                .body("read", equalTo(2))
                .body("created", equalTo(2))
                .body("updated", equalTo(0))
                .body("rejected", equalTo(0))
                .body("rejections.items", hasSize(0))
                .body("errorsTruncated", equalTo(false))
                .extract().path("id");

        String offer = offerOf(run + "-accueil");
        List<String> sessionIds = given().get("/api/catalogue/offers/" + offer).then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("organisation.siret", equalTo(SIRET))
                .body("certification.code", equalTo("RNCP34001"))
                .body("title", equalTo("Agent d'accueil des voyageurs — titre professionnel"))
                .body("contact.email", equalTo("formation@littoral.example"))
                .body("actions", hasSize(1))
                .body("actions[0].durationHours", equalTo(420))
                .body("actions[0].priceCents", equalTo(390_050))
                .body("actions[0].modality", equalTo("BLENDED"))
                .body("actions[0].place.city", equalTo("Nantes"))
                .body("actions[0].place.regionCode", equalTo("52"))
                .body("actions[0].sessions.startsOn", containsInAnyOrder("2027-01-11", "2027-09-06"))
                .body("actions[0].sessions.seats", containsInAnyOrder(14, 12))
                .extract().path("actions[0].sessions.id");
        given().get("/api/catalogue/offers/" + offerOf(run + "-distance")).then().statusCode(200)
                .body("actions[0].modality", equalTo("REMOTE"))
                .body("actions[0].place", nullValue())
                .body("actions[0].durationHours", equalTo(150))
                .body("contact.email", equalTo("distance@littoral.example"));
        Db db = new Db(dataSource);
        assertEquals(2, db.count("SELECT count(*) FROM offer_formacode WHERE offer_id = ?::uuid "
                + "AND formacode IN ('42752', '15234')", offer));
        assertEquals(2, db.count("SELECT count(*) FROM offer_rome WHERE offer_id = ?::uuid "
                + "AND rome_code IN ('G1101', 'N2203')", offer));
        // The search finds it by the codes of its file, not only by those of its certification.
        given().queryParam("formacode", "42752").queryParam("organisation", SIRET).queryParam("size", 100)
                .get("/api/catalogue/offers").then().statusCode(200)
                .body("items.offerId", hasItem(offer));
        given().queryParam("job", "N2203").queryParam("organisation", SIRET).queryParam("size", 100)
                .get("/api/catalogue/offers").then().statusCode(200)
                .body("items.offerId", hasItem(offer));

        String again = send(file("offres-valides.xml")).then().statusCode(201)
                .body("read", equalTo(2))
                .body("created", equalTo(0))
                .body("updated", equalTo(2))
                .extract().path("id");
        assertEquals(2, db.count("SELECT count(*) FROM offer WHERE organisation_siret = ? AND lheo_numero LIKE ?",
                SIRET, run + "-%"), "no duplicate");
        assertEquals(2, db.count("""
                SELECT count(*) FROM platform_outbox_event WHERE key = ? AND type = 'OfferPublished'""", offer),
                "published by the first import, again by the second");
        given().get("/api/catalogue/offers/" + offer).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("actions[0].sessions.id", containsInAnyOrder(sessionIds.toArray()));

        given().auth().oauth2(org).get(IMPORTS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("created", equalTo(2))
                .body("finishedAt", notNullValue());
        given().auth().oauth2(org).get(IMPORTS + "/" + again).then().statusCode(200).body("updated", equalTo(2));
    }

    @Test
    void theGoodFormationsOfAFileAreImportedAndTheBadOnesReportedWithTheirReasons() {
        send(file("offres-en-partie-invalides.xml")).then().statusCode(201)
                .body("read", equalTo(4))
                .body("created", equalTo(1))
                .body("rejected", equalTo(3))
                .body("rejections.items", hasSize(3))
                .body("rejections.totalItems", equalTo(3))
                .body("rejections.items[0].position", equalTo(2))
                .body("rejections.items[0].numero", equalTo(run + "-mauvais"))
                .body("rejections.items[0].line", equalTo(105))
                .body("rejections.items[0].errors.field", containsInAnyOrder("certification",
                        "action[1]/prix-total-TTC", "action[1]/lieu-de-formation/coordonnees/adresse/region",
                        "action[1]/session[1]/periode/fin"))
                .body("rejections.items[0].errors.reason", hasItem("is not a known certification"))
                .body("rejections.items[1].position", equalTo(3))
                .body("rejections.items[1].numero", equalTo(run + "-hors-schema"))
                .body("rejections.items[1].errors[0].field", equalTo("action[1]/modalites-enseignement"))
                .body("rejections.items[1].errors[0].reason", startsWith("line "))
                .body("rejections.items[2].position", equalTo(4))
                .body("rejections.items[2].numero", nullValue())
                .body("rejections.items[2].errors.field", hasItems("numero"));
        offerOf(run + "-bon");
        assertEquals(0, new Db(dataSource).count("""
                SELECT count(*) FROM offer WHERE organisation_siret = ? AND lheo_numero IN (?, ?)""",
                SIRET, run + "-mauvais", run + "-hors-schema"));
    }

    @Test
    void aFileOfTheLheo22NamespaceIsReadAsLheo23() {
        send(file("offres-lheo-2.2.xml")).then().statusCode(201)
                .body("created", equalTo(2))
                .body("rejected", equalTo(0));
        offerOf(run + "-accueil");
        // The real ONISEP file (LHEO 2.2) is valid, but gives its duration in years and no price: reported so.
        send(file("exemple-bts-onisep.xml")).then().statusCode(201)
                .body("read", equalTo(1))
                .body("rejected", equalTo(1))
                .body("rejections.items[0].numero", equalTo("9436_18706"))
                .body("rejections.items[0].line", equalTo(4))
                .body("rejections.items[0].errors.field", containsInAnyOrder("action[1]/nombre-heures-total",
                        "action[1]/prix-total-TTC"));
    }

    @Test
    void aFileThatIsNotLheoIsRefusedWholeNamingTheLine() {
        send(file("hors-schema.xml")).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:cpa:problem:invalid-lheo-file"))
                .body("detail", containsString("line 4"))
                .body("errors[0].field", equalTo("line 4"))
                .body("errors[0].reason", containsString("offres"));
        send(file("mal-forme.xml")).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("not well-formed"))
                .body("errors[0].field", equalTo("line 5"));
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefusedAndNothingIsWritten() {
        Db db = new Db(dataSource);
        long imports = db.count("SELECT count(*) FROM offer_import WHERE organisation_siret = ?", SIRET);
        for (String name : List.of("xxe.xml", "billion-laughs.xml")) {
            send(file(name)).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:cpa:problem:invalid-lheo-file"))
                    .body("errors[0].reason", containsString("DTD"))
                    .body("errors[0].reason", not(containsString("root:")));
        }
        assertEquals(0, db.count("SELECT count(*) FROM offer WHERE lheo_numero IN ('xxe', 'lol')"));
        assertEquals(imports, db.count("SELECT count(*) FROM offer_import WHERE organisation_siret = ?", SIRET));
    }

    /** {@code count} formations without a numero (each rejected for it), then the end of the file. */
    private static String rejectedFormations(int count) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<lheo xmlns=\"http://lheo.gouv.fr/2.3\">\n<offres>\n");
        for (int i = 0; i < count; i++) {
            xml.append("<formation><intitule-formation>Sans numéro</intitule-formation></formation>\n");
        }
        return xml.append("</offres>\n</lheo>\n").toString();
    }

    @Test
    void aReportKeepsTheFirstThousandRejectionsCountsThemAllAndComesPageByPage() {
        String id = send(rejectedFormations(1_005).getBytes(StandardCharsets.UTF_8)).then().statusCode(201)
                .body("read", equalTo(1_005))
                .body("rejected", equalTo(1_005))
                .body("errorsTruncated", equalTo(true))
                .body("rejections.items", hasSize(20))
                .body("rejections.totalItems", equalTo(1_000))
                .body("rejections.items[0].position", equalTo(1))
                .extract().path("id");

        given().auth().oauth2(org).queryParam("page", 9).queryParam("size", 100).get(IMPORTS + "/" + id).then()
                .statusCode(200)
                .body("rejected", equalTo(1_005))
                .body("errorsTruncated", equalTo(true))
                .body("rejections.page", equalTo(9))
                .body("rejections.totalPages", equalTo(10))
                .body("rejections.items", hasSize(100))
                .body("rejections.items[0].position", equalTo(901))
                .body("rejections.items[99].position", equalTo(1_000))
                .header("Link", containsString("<?page=8&size=100>; rel=\"prev\""));
        given().auth().oauth2(org).queryParam("size", 500).get(IMPORTS + "/" + id).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("size"));
    }

    @Test
    void aFormationReportsAtMostFiftyErrors() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<lheo xmlns=\"http://lheo.gouv.fr/2.3\">\n<offres>\n<formation numero=\"" + run + "-codes\">\n"
                + "<domaine-formation>\n");
        for (int i = 0; i < 80; i++) {
            xml.append("<code-FORMACODE>x</code-FORMACODE>\n");
        }
        xml.append("</domaine-formation>\n</formation>\n</offres>\n</lheo>\n");
        send(xml.toString().getBytes(StandardCharsets.UTF_8)).then().statusCode(201)
                .body("rejected", equalTo(1))
                .body("errorsTruncated", equalTo(false))
                .body("rejections.items[0].errors", hasSize(51))
                .body("rejections.items[0].errors[50].field", nullValue())
                .body("rejections.items[0].errors[50].reason", containsString("more errors"));
    }

    @Test
    void aFileNestedDeeperThan32ElementsIsRefusedNamingTheLine() {
        // lheo, offres and formation are 3 levels; the 30th nested element, line 34, would be the 33rd.
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<lheo xmlns=\"http://lheo.gouv.fr/2.3\">\n<offres>\n<formation numero=\"" + run + "-deep\">\n");
        for (int i = 0; i < 10_000; i++) {
            xml.append("<x>\n");
        }
        send(xml.toString().getBytes(StandardCharsets.UTF_8)).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:cpa:problem:invalid-lheo-file"))
                .body("detail", containsString("line 34"))
                .body("errors[0].field", equalTo("line 34"))
                .body("errors[0].reason", containsString("32 levels"));
        assertEquals(0, new Db(dataSource).count("SELECT count(*) FROM offer WHERE lheo_numero = ?", run + "-deep"));
    }

    @Test
    void anExternalDtdOrParameterEntityIsRefusedWithoutBeingFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(500);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/lheo.dtd";
            for (String doctype : List.of("<!DOCTYPE lheo SYSTEM \"" + url + "\">",
                    "<!DOCTYPE lheo [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>")) {
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "\n"
                        + "<lheo xmlns=\"http://lheo.gouv.fr/2.3\"><offres/></lheo>\n";
                send(xml.getBytes(StandardCharsets.UTF_8)).then().statusCode(400).contentType(PROBLEM)
                        .body("type", equalTo("urn:cpa:problem:invalid-lheo-file"))
                        .body("errors[0].reason", containsString("DTD"));
            }
            assertThrows(SocketTimeoutException.class, server::accept, "the catalogue fetched the DTD");
        }
    }

    @Test
    void importsReadAtOnceAreCappedPerOrganisationAndFreedWhenTheirClientsGoAway() throws IOException {
        URL base = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/").toURL();
        try (HeldImport first = HeldImport.start(base, org); HeldImport second = HeldImport.start(base, org)) {
            await(() -> slots.taken(SIRET) == 2);
            send(file("offres-valides.xml")).then().statusCode(429).contentType(PROBLEM)
                    .body("type", equalTo("urn:cpa:problem:too-many-requests"))
                    .header("Retry-After", notNullValue());
            // The catalogue still answers meanwhile, reads from the database included.
            given().queryParam("organisation", SIRET).get("/api/catalogue/offers").then().statusCode(200);
        }
        await(() -> slots.taken(SIRET) == 0);
        send(file("offres-valides.xml")).then().statusCode(201);
    }

    private static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** An import over a raw socket: the start of a file and 64 KB of a comment, then nothing until it is closed. */
    private static final class HeldImport implements AutoCloseable {
        private final Socket socket;

        private HeldImport(Socket socket) {
            this.socket = socket;
        }

        static HeldImport start(URL base, String token) throws IOException {
            HeldImport held = new HeldImport(new Socket(base.getHost(), base.getPort()));
            OutputStream out = held.socket.getOutputStream();
            out.write(("POST " + IMPORTS + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/xml\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] start = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lheo xmlns=\"http://lheo.gouv.fr/2.3\">"
                    + "<offres><!-- " + "x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return held;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void anIdempotencyKeyAnswersTheSameReportForTheSameFileAndRefusesAnother() {
        String key = UUID.randomUUID().toString();
        byte[] body = file("offres-valides.xml");
        String id = given().auth().oauth2(org).contentType("application/xml").header("Idempotency-Key", key)
                .body(body).post(IMPORTS).then().statusCode(201).body("created", equalTo(2)).extract().path("id");
        given().auth().oauth2(org).contentType("application/xml").header("Idempotency-Key", key).body(body)
                .post(IMPORTS).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id))
                .body("created", equalTo(2));
        given().auth().oauth2(org).contentType("application/xml").header("Idempotency-Key", key)
                .body(file("offres-lheo-2.2.xml")).post(IMPORTS).then().statusCode(422)
                .body("type", equalTo("urn:cpa:problem:idempotency-key-reused"));

        // An import still running: its key is in use; one running for over an hour died, and its key is taken over.
        Db db = new Db(dataSource);
        String running = UUID.randomUUID().toString();
        db.execute("INSERT INTO offer_import (id, organisation_siret, idempotency_key, status) "
                + "VALUES (?, ?, ?, 'RUNNING')", UUID.randomUUID(), SIRET, running);
        given().auth().oauth2(org).contentType("application/xml").header("Idempotency-Key", running).body(body)
                .post(IMPORTS).then().statusCode(409)
                .body("type", equalTo("urn:cpa:problem:idempotency-key-in-use"));
        String dead = UUID.randomUUID().toString();
        db.execute("INSERT INTO offer_import (id, organisation_siret, idempotency_key, status, received_at) "
                + "VALUES (?, ?, ?, 'RUNNING', now() - interval '2 hours')", UUID.randomUUID(), SIRET, dead);
        given().auth().oauth2(org).contentType("application/xml").header("Idempotency-Key", dead).body(body)
                .post(IMPORTS).then().statusCode(201)
                .body("updated", equalTo(2));
    }

    @Test
    void onlyTrainingOrganisationsImportAndEachReadsOnlyItsOwnReports() {
        byte[] body = file("offres-valides.xml");
        given().contentType("application/xml").body(body).post(IMPORTS).then().statusCode(401).contentType(PROBLEM);
        String employer = Tokens.forClient("demo-employer");
        given().auth().oauth2(employer).contentType("application/xml").body(body).post(IMPORTS).then()
                .statusCode(403).contentType(PROBLEM);

        String mine = send(body).then().statusCode(201).extract().path("id");
        given().get(IMPORTS + "/" + mine).then().statusCode(401);
        given().auth().oauth2(employer).get(IMPORTS + "/" + mine).then().statusCode(403);

        // Another organisation's import, written directly: there is a single demo training organisation.
        Db db = new Db(dataSource);
        db.execute("""
                INSERT INTO organisation (siret, name, street, postcode, city) VALUES (?, 'Autre organisme',
                    '1 rue de Rivoli', '75001', 'Paris') ON CONFLICT DO NOTHING""", OTHER_SIRET);
        UUID theirs = UUID.randomUUID();
        db.execute("""
                INSERT INTO offer_import (id, organisation_siret, status, finished_at) VALUES (?, ?, 'DONE', now())""",
                theirs, OTHER_SIRET);
        given().auth().oauth2(org).get(IMPORTS + "/" + theirs).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(org).get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
