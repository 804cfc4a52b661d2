package fr.cpa.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.testing.NirScan;

/**
 * After the service's tests (the integration-test phase comes after them all): no valid NIR is in a line of the
 * service's log, nor in any row of any of its tables, although every test holder has one and the ledger's top-ups named
 * them. The enrolment service knows people by holder id and person key only.
 */
class NoNirInLogsIT {

    @Test
    void noNirIsInTheLogNorInTheTables() throws IOException {
        String log = Files.readString(Path.of("target/enrolment-test.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("/api/enrolment/applications"), "the application tests ran first and were logged");
        assertEquals(List.of(), NirScan.linesWithNir(log), "NIRs in the service's log (shown by line number only)");

        assertTrue(Db.text(Db.ENROLMENT, "SELECT string_agg(row_to_json(a)::text, ',') FROM application a")
                .contains("Camille Testeur"), "the tables hold the tests' applications");
        assertEquals(List.of(), NirScan.rowsWithNir(Db.ENROLMENT), "NIRs in the service's tables (by row)");
    }
}
