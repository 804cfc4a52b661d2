package fr.cpa.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusTestResource(LocalStackResource.class)}: the stack is up before the application under test
 * starts. The services' own configuration already points at the local stack, so nothing is overridden.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        return Map.of();
    }

    @Override
    public void stop() {
        // The stack outlives a test run: it is shared by every module's tests and stopped by `make stack-down`.
    }
}
