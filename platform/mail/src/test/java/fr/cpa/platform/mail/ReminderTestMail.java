package fr.cpa.platform.mail;

import java.util.Map;

/** A second enum of templates, given in a second {@link MailTemplates} bean. */
public enum ReminderTestMail implements MailTemplate {

    REMINDER;

    @Override
    public String subject() {
        return "Rappel : votre session commence bientôt";
    }

    @Override
    public String render(Map<String, String> parameters) {
        return MailTemplate.fill("Votre session commence le {date}.\n", parameters);
    }
}
