package fr.cpa.platform.webhooks;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Every {@link WebhookEventTypes} bean of the service, merged once. */
@Singleton
class KnownEventTypes {

    private static final Logger LOG = Logger.getLogger(KnownEventTypes.class);

    private final WebhookEventTypes types;

    KnownEventTypes(@Any Instance<WebhookEventTypes> beans) {
        this.types = WebhookEventTypes.merge(beans.stream().toList());
    }

    void onStart(@Observes StartupEvent start) {
        if (types.names().isEmpty()) {
            LOG.warn("No WebhookEventTypes bean: no webhook can be subscribed to (see fr.cpa.platform.webhooks)");
        }
    }

    WebhookEventTypes types() {
        return types;
    }
}
