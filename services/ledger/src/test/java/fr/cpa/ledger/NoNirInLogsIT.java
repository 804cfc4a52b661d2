package fr.cpa.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.person.Nir;

/**
 * After the service's tests (this runs in the integration-test phase, after them all): no valid NIR is in a line of
 * the service's log (debug level and access log in tests), although declarations, batches, CEC declarations and
 * top-ups sent hundreds of them, valid and invalid.
 */
class NoNirInLogsIT {

    /** Anything shaped like a NIR (digits, 2A/2B for Corsica), not inside a longer word or number. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])[1-8]\\d{4}(?:\\d{2}|2[AB])\\d{8}(?![0-9A-Za-z])");

    @Test
    void noNirIsInAnyLogLine() throws IOException {
        Path log = Path.of("target/ledger-test.log");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("POST /api/ledger/declarations"), "the declaration tests ran first and were logged");
        assertEquals(List.of(), nirsIn(text), "NIRs in the service's log (shown by line number only)");
    }

    /** The line numbers holding a valid NIR. */
    static List<Integer> nirsIn(String text) {
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\n");
        for (int i = 0; i < all.length; i++) {
            Matcher candidate = CANDIDATE.matcher(all[i]);
            while (candidate.find()) {
                try {
                    Nir.parse(candidate.group());
                    lines.add(i + 1);
                    break;
                } catch (Nir.InvalidNirException notANir) {
                    // a number of the same length, or a NIR with a wrong key: not a person's number
                }
            }
        }
        return lines;
    }

    @Test
    void theSearchFindsANirWhereThereIsOne() {
        String nir = TestNirs.fresh();
        assertEquals(List.of(2), nirsIn("a line\nsaved " + nir + " for\n" + nir + "0 is longer"));
    }
}
