package fr.cpa.platform.mail;

import java.util.Map;

/** Templates no {@link MailTemplates} bean lists: they cannot be queued. */
public enum UnlistedTestMail implements MailTemplate {

    PLAIN;

    @Override
    public String subject() {
        return "Jamais envoyé";
    }

    @Override
    public String render(Map<String, String> parameters) {
        return "";
    }
}
