package fr.cpa.platform.mail;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Transactions shaped like a service's: a change and its mail, committed or rolled back together. */
@ApplicationScoped
public class TestWork {

    private final Mails mails;

    TestWork(Mails mails) {
        this.mails = mails;
    }

    @Transactional
    public long queue(String recipient, MailTemplate template, Map<String, String> parameters) {
        return mails.send(recipient, template, parameters);
    }

    /** Queues the mail, then fails: the transaction rolls back. */
    @Transactional
    public void queueThenFail(String recipient, MailTemplate template, AtomicLong queued) {
        queued.set(mails.send(recipient, template, Map.of()));
        throw new IllegalStateException("the business rule refused the change");
    }
}
