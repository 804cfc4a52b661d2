package fr.cpa.platform.mail;

import java.util.Map;

/**
 * A mail a service sends: a subject and a text with {@code {parameter}} placeholders. A service's templates are the
 * constants of an enum implementing this interface, listed in its {@link MailTemplates} bean. The outbox keeps a
 * queued mail's template by {@link #name()} and renders it when the mail is sent, so a name must stay the same as
 * long as mails queued under it may wait (about a day).
 */
public interface MailTemplate {

    /** The name kept with a queued mail (an enum constant's name); unique among the service's templates. */
    String name();

    /** The subject line. */
    String subject();

    /** The text of the mail, its placeholders filled in from the parameters given to {@link Mails#send}. */
    String render(Map<String, String> parameters);

    /**
     * Replaces each {@code {key}} of the text by the parameter's value. Placeholders without a parameter stay as they
     * are. What an enum's {@link #render} usually returns: {@code return MailTemplate.fill(body, parameters);}.
     */
    static String fill(String text, Map<String, String> parameters) {
        String filled = text;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            filled = filled.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        return filled;
    }
}
