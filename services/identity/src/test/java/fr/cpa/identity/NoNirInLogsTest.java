package fr.cpa.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.NirScan;

/**
 * After every other test class: no NIR the tests used appears in a line of this service's log (kept at debug level
 * in tests), nor in what Keycloak logged meanwhile (it sees NIRs as usernames).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@Order(Integer.MAX_VALUE)
class NoNirInLogsTest {

    @Test
    void noNirUsedByTheTestsIsInAnyLogLine() throws IOException {
        assertTrue(People.NIRS_USED.size() > 10, "the other tests ran first and used NIRs");
        Path serviceLog = Path.of("target/identity-test.log");
        assertTrue(Files.size(serviceLog) > 10_000, "the service's log is there to search");
        assertNoNir("the service's log", Files.readString(serviceLog, StandardCharsets.UTF_8));
        Path keycloakLog = People.keycloakLog();
        if (Files.exists(keycloakLog)) {
            try (RandomAccessFile file = new RandomAccessFile(keycloakLog.toFile(), "r")) {
                file.seek(Math.min(People.KEYCLOAK_LOG_START, file.length()));
                byte[] tail = new byte[(int) (file.length() - file.getFilePointer())];
                file.readFully(tail);
                assertNoNir("Keycloak's log", new String(tail, StandardCharsets.UTF_8));
            }
        }
    }

    /** The NIR is kept encrypted only: no table holds one in clear, nor the idempotency records a login name. */
    @Test
    void noNirIsInClearInAnyTable() {
        assertTrue(People.NIRS_USED.size() > 10, "the other tests ran first and used NIRs");
        assertEquals(java.util.List.of(), NirScan.rowsWithNir("cpa_identity"), "NIRs in the service's tables (by row)");
    }

    private static void assertNoNir(String where, String text) {
        for (String nir : People.NIRS_USED) {
            // The 13-character number alone identifies the person, with or without its key.
            assertFalse(text.contains(nir.substring(0, 13)), "a NIR appears in " + where);
        }
    }
}
