package fr.cpa.ledger;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import fr.cpa.platform.testing.LocalStack;
import fr.cpa.platform.testing.ServiceProcess;

/**
 * The real identity service, from its built jar, on the shared stack (its own database, Keycloak, Kafka, mail), for
 * tests of the advisors' consent checks; the ledger under test is pointed at it.
 */
public class IdentityService implements QuarkusTestResourceLifecycleManager {

    static ServiceProcess identity;

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        // Mails and events leave identity quickly, as in its own tests.
        identity = ServiceProcess.start("identity", Map.of("cpa.mail.interval", "200ms",
                "cpa.outbox.interval", "200ms"), Duration.ofSeconds(120));
        return Map.of("cpa.advisor-access.identity-url", identity.url());
    }

    @Override
    public void stop() {
        if (identity != null) {
            identity.close();
        }
    }
}
