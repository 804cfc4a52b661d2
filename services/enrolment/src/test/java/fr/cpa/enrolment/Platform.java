package fr.cpa.enrolment;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import fr.cpa.platform.testing.LocalStack;
import fr.cpa.platform.testing.ServiceProcess;

/**
 * The services enrolment works with, for real: the ledger (funds, the saga's other half) and the catalogue (offers,
 * eligibility), from their built jars on the shared stack, started once for the whole run; the enrolment service
 * under test is pointed at them.
 */
public class Platform implements QuarkusTestResourceLifecycleManager {

    static ServiceProcess ledger;
    static ServiceProcess catalogue;

    @Override
    public synchronized Map<String, String> start() {
        LocalStack.ensureUp();
        if (ledger == null || !ledger.isRunning()) {
            ledger = startLedger();
        }
        if (catalogue == null || !catalogue.isRunning()) {
            catalogue = ServiceProcess.start("catalogue", Map.of("cpa.outbox.interval", "200ms",
                    "quarkus.rest-client.ledger.url", ledger.url()), Duration.ofSeconds(180));
        }
        return Map.of("quarkus.rest-client.ledger.url", ledger.url(),
                "quarkus.rest-client.catalogue.url", catalogue.url());
    }

    /** The ledger, relaying its answers quickly as in its own tests. */
    static ServiceProcess startLedger() {
        return ServiceProcess.start("ledger", Map.of("cpa.outbox.interval", "100ms"), Duration.ofSeconds(180));
    }

    @Override
    public void stop() {
        // Kept for the next test class: each start costs tens of seconds; the JVM's end stops them (shutdown hook).
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (catalogue != null) {
                catalogue.close();
            }
            if (ledger != null) {
                ledger.close();
            }
        }));
    }
}
