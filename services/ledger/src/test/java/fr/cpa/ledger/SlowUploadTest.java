package fr.cpa.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.TestNirs;
import fr.cpa.platform.testing.Tokens;
import fr.cpa.platform.web.upload.UploadSlots;

/**
 * Declaration files that arrive slowly hold an upload slot, not a database connection: with a pool of two
 * connections and two uploads stalled half-way, the ledger still answers; a third upload of the same employer, or one
 * past the service's total, is a 429 until one of them ends, however it ends.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestProfile(SlowUploadTest.TwoConnections.class)
class SlowUploadTest {

    /** As many connections as there are stalled uploads: one connection held by each would leave none. */
    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2",
                    "cpa.web.uploads.per-client", "2",
                    "cpa.web.uploads.total", "3",
                    "cpa.web.uploads.retry-after", "7S");
        }
    }

    private static final String SIRET = "73282932000074"; // demo-employer's
    private static final String OTHER_SIRET_CLIENT = DemoLogins.OTHER_EMPLOYER_CLIENT;
    private static final String BATCHES = "/api/ledger/declarations/batches";
    private static final String HEADER = "nir,year,hoursWorked,referenceHours,contractType,lowQualified,cppExposures\n";

    @TestHTTPResource("/")
    URL base;

    @Inject
    UploadSlots slots;

    @Test
    void stalledUploadsHoldNoConnectionAndTheirSlotsFreeWhenTheyEnd() throws IOException {
        String employer = Tokens.forClient(DemoLogins.EMPLOYER_CLIENT);
        String earlier = given().auth().oauth2(employer).contentType("text/csv").body(HEADER + line()).post(BATCHES)
                .then().statusCode(202).extract().header("Location");
        String key = "slow-" + UUID.randomUUID();

        try (HeldUpload first = HeldUpload.start(base, employer, key)) {
            awaitTaken(SIRET, 1);
            // The same key while its file is still arriving: in use, not a second batch.
            upload(employer, key).then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:cpa:problem:idempotency-key-in-use"));

            try (HeldUpload second = HeldUpload.start(base, employer, null)) {
                awaitTaken(SIRET, 2);

                Response refused = upload(employer, null);
                refused.then().statusCode(429).contentType("application/problem+json")
                        .body("type", equalTo("urn:cpa:problem:too-many-requests"))
                        .header("Retry-After", equalTo("7"));

                // The pool's two connections are free: the ledger reads the employer's earlier batch.
                given().auth().oauth2(employer).get(earlier).then().statusCode(200).body("lines", equalTo(1));

                // Another employer takes the service's last slot; past it, the total refuses.
                String other = Tokens.forClient(OTHER_SIRET_CLIENT);
                try (HeldUpload third = HeldUpload.start(base, other, null)) {
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slots.taken() == 3);
                    upload(other, null).then().statusCode(429).header("Retry-After", equalTo("7"));
                    given().auth().oauth2(employer).get(earlier).then().statusCode(200);
                }

                // One stalled upload is abandoned by its client, the other finishes.
                second.abort();
                assertEquals(202, first.finish(), "the stalled file, once whole, is a batch");
            }
        }
        awaitTaken(SIRET, 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slots.taken() == 0);

        upload(employer, null).then().statusCode(202);
        upload(employer, key).then().statusCode(422)
                .body("type", equalTo("urn:cpa:problem:idempotency-key-reused"));
    }

    private void awaitTaken(String siret, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> slots.taken(siret) == count);
    }

    private static Response upload(String token, String idempotencyKey) {
        var request = given().auth().oauth2(token).contentType("text/csv").body(HEADER + line());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(BATCHES);
    }

    /** A line refused for its year: nothing is recorded, whatever the test sends. */
    private static String line() {
        return TestNirs.fresh() + ",1999,10,,PERMANENT,false,\n";
    }

    /**
     * An upload over a raw socket: the header and 64 KB of lines (past the 10 KB the server buffers before calling
     * the resource), then nothing until it is finished or aborted.
     */
    private static final class HeldUpload implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;

        private HeldUpload(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        static HeldUpload start(URL base, String token, String idempotencyKey) throws IOException {
            HeldUpload upload = new HeldUpload(new Socket(base.getHost(), base.getPort()));
            upload.socket.setSoTimeout(30_000);
            String head = "POST " + BATCHES + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: text/csv\r\n"
                    + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                    + "Transfer-Encoding: chunked\r\n\r\n";
            upload.out.write(head.getBytes(StandardCharsets.US_ASCII));
            StringBuilder lines = new StringBuilder(HEADER);
            while (lines.length() < 64 * 1024) {
                lines.append(line());
            }
            upload.chunk(lines.toString());
            return upload;
        }

        private void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends the last lines and the end of the body; the answer's status. */
        int finish() throws IOException {
            chunk(line());
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 "), "a status line");
            return Integer.parseInt(status.substring(9, 12));
        }

        /** The client goes away half-way. */
        void abort() throws IOException {
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
