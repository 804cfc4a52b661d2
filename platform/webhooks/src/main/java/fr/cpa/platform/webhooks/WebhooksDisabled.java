package fr.cpa.platform.webhooks;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Skips the dispatcher's and the purge's runs under {@code cpa.webhooks.enabled=false}. */
@Singleton
public class WebhooksDisabled implements Scheduled.SkipPredicate {

    private final WebhooksConfig config;

    WebhooksDisabled(WebhooksConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.enabled();
    }
}
