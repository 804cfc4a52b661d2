package fr.cpa.platform.mail;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Every {@link MailTemplates} bean of the service, merged once; built at start so that a clash of names stops it. */
@Singleton
class KnownTemplates {

    private static final Logger LOG = Logger.getLogger(KnownTemplates.class);

    private final MailTemplates templates;

    KnownTemplates(@Any Instance<MailTemplates> beans) {
        this.templates = MailTemplates.merge(beans.stream().toList());
    }

    void onStart(@Observes StartupEvent start) {
        if (templates.names().isEmpty()) {
            LOG.warn("No MailTemplates bean: no mail can be queued (see fr.cpa.platform.mail's package-info)");
        } else {
            LOG.debugf("Mail templates: %s", templates.names());
        }
    }

    MailTemplates templates() {
        return templates;
    }
}
