package fr.cpa.identity.domain;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import fr.cpa.platform.mail.MailTemplates;

/** Gives this service's templates to the platform's mail outbox, which finds a queued mail's template by name. */
@Singleton
public class IdentityMailing {

    @Produces
    @Singleton
    MailTemplates mailTemplates() {
        return MailTemplates.of(IdentityMail.class);
    }
}
