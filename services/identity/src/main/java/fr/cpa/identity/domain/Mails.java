package fr.cpa.identity.domain;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.identity.persistence.PendingMail;

/** Puts mails in the mail outbox, in the caller's transaction: they go out only if the change commits. */
@ApplicationScoped
public class Mails {

    @Transactional(TxType.MANDATORY)
    public void send(String recipient, MailTemplate template, Map<String, String> parameters) {
        PendingMail mail = new PendingMail();
        mail.recipient = recipient;
        mail.template = template.name();
        mail.parameters = Map.copyOf(parameters);
        mail.createdAt = Instant.now();
        mail.nextAttemptAt = mail.createdAt;
        mail.persist();
    }
}
