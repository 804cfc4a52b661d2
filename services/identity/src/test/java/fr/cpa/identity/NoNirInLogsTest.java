package fr.cpa.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.testing.LocalStack;

/**
 * After every other test: no NIR the tests used appears in a line of this service's log, nor in Keycloak's (which
 * sees them as usernames).
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class NoNirInLogsTest {

    @Test
    void noNirUsedByTheTestsIsInAnyLogLine() throws IOException {
        assertTrue(People.NIRS_USED.size() > 10, "the other tests ran first and used NIRs");
        List<Path> logs = new ArrayList<>(List.of(Path.of("target/identity-test.log")));
        Path keycloakLog = LocalStack.repositoryRoot().resolve(".local/logs/keycloak.log");
        if (Files.exists(keycloakLog)) {
            logs.add(keycloakLog);
        }
        for (Path log : logs) {
            assertTrue(Files.size(log) > 0, log + " is empty: nothing was checked");
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String nir : People.NIRS_USED) {
                // The 13-character number alone identifies the person, with or without its key.
                assertFalse(text.contains(nir.substring(0, 13)), "a NIR appears in " + log.getFileName());
            }
        }
    }
}
