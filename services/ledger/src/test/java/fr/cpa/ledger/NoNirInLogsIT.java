package fr.cpa.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.testing.NirScan;
import fr.cpa.platform.testing.TestNirs;

/**
 * After the service's tests (this runs in the integration-test phase, after them all): no valid NIR is in a line of
 * the service's log (debug level and access log in tests), although declarations, batches, CEC declarations and
 * top-ups sent hundreds of them, valid and invalid.
 */
class NoNirInLogsIT {

    @Test
    void noNirIsInAnyLogLine() throws IOException {
        Path log = Path.of("target/ledger-test.log");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("POST /api/ledger/declarations"), "the declaration tests ran first and were logged");
        assertEquals(List.of(), NirScan.linesWithNir(text), "NIRs in the service's log (shown by line number only)");
    }

    /**
     * Nor in a row of any of its tables: people are their person key; the idempotency records name callers by their
     * token's subject, and spooled declaration batches keep no NIR once read.
     */
    @Test
    void noNirIsInAnyTable() {
        assertEquals(List.of(), NirScan.rowsWithNir("cpa_ledger"), "NIRs in the service's tables (by row)");
    }

    @Test
    void theSearchFindsANirWhereThereIsOne() {
        String nir = TestNirs.fresh();
        assertEquals(List.of(2), NirScan.linesWithNir("a line\nsaved " + nir + " for\n" + nir + "0 is longer"));
    }
}
