package fr.cpa.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.testing.ServiceProcess;

/**
 * The packaged service, started in the production profile alone with the repository's development defaults (the
 * person-key pepper, the Kafka password; the database password is not a secret default): it refuses to start, naming the property and
 * never its value. The same jar starts under the local stack's profiles, as every other IT proves.
 */
class ProductionSecretsIT {

    @Test
    void productionRefusesToStartWithADevelopmentSecret() throws IOException {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServiceProcess.start("ledger", Map.of("quarkus.profile", "prod"), Duration.ofSeconds(90)).close());
        assertTrue(refused.getMessage().contains("stopped at start"), refused.getMessage());

        String log = Files.readString(Path.of("target/ledger-process.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Production refuses development secrets"), "the reason is logged");
        assertTrue(log.contains("cpa.person-key.pepper"), "the property is named");
        assertTrue(log.contains("cpa.kafka.password"), "the Kafka password is named");
        assertFalse(log.contains("person key pepper, replace"), "the value is not");
        assertFalse(log.contains("local-development-only-ledger-kafka"), "nor the password");
    }
}
