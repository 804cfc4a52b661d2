package fr.cpa.platform.mail;

import java.util.Map;

/** The test application's templates, listed in a {@link MailTemplates} bean (see {@link TestMailTemplates}). */
public enum TestMail implements MailTemplate {

    APPLICATION_RECEIVED("Votre demande a été reçue", """
            Bonjour {name},

            Votre demande d'inscription à « {training} » est enregistrée sous le numéro {file}.
            """),
    PLAIN("Un message sans paramètre", """
            Bonjour,

            Rien à remplir ici.
            """);

    private final String subject;
    private final String body;

    TestMail(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String render(Map<String, String> parameters) {
        return MailTemplate.fill(body, parameters);
    }
}
