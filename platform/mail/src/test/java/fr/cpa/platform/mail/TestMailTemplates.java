package fr.cpa.platform.mail;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** How a service gives its templates to the library; two beans here, as a service with two modules might. */
@Singleton
public class TestMailTemplates {

    @Produces
    @Singleton
    MailTemplates testMails() {
        return MailTemplates.of(TestMail.class);
    }

    @Produces
    @Singleton
    MailTemplates reminders() {
        return MailTemplates.of(ReminderTestMail.class);
    }
}
