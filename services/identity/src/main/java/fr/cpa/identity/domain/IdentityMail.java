package fr.cpa.identity.domain;

import java.util.Map;

import fr.cpa.platform.mail.MailTemplate;

/**
 * The mails this service sends, in French as the national site writes to its users. Parameters are filled in by
 * name ({@code {link}}); none of them is ever a NIR. Given to the platform's mail outbox by {@link IdentityMailing}.
 */
public enum IdentityMail implements MailTemplate {

    EMAIL_VALIDATION("Validez votre inscription à votre Compte Personnel d'Activité", """
            Bonjour {name},

            Pour finaliser votre inscription et activer votre espace personnel, suivez ce lien :
            {link}

            Ce lien est valable {validity} et ne peut servir qu'une fois.
            Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.
            """),
    REGISTRATION_ATTEMPT("Tentative d'inscription à votre Compte Personnel d'Activité", """
            Bonjour,

            Une inscription vient d'être demandée avec votre numéro de sécurité sociale ou votre adresse
            électronique, qui ont déjà un espace personnel. Aucun nouvel espace n'a été créé.

            Si c'est vous, connectez-vous avec votre identifiant habituel, ou choisissez un nouveau mot de passe :
            {resetLink}
            Sinon, vous n'avez rien à faire : votre espace n'a pas été modifié.
            """),
    PASSWORD_RESET("Réinitialisation de votre mot de passe", """
            Bonjour {name},

            Pour choisir un nouveau mot de passe, suivez ce lien :
            {link}

            Ce lien est valable {validity} et ne peut servir qu'une fois.
            Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.
            """),
    PASSWORD_CHANGED("Votre mot de passe a été modifié", """
            Bonjour {name},

            Le mot de passe de votre espace personnel vient d'être modifié et vos sessions ont été fermées.
            Si vous n'êtes pas à l'origine de ce changement, contactez l'assistance sans attendre.
            """),
    EMAIL_CHANGE("Confirmez votre nouvelle adresse électronique", """
            Bonjour {name},

            Pour que cette adresse devienne celle de votre espace personnel, suivez ce lien :
            {link}

            Ce lien est valable {validity} et ne peut servir qu'une fois.
            """),
    EMAIL_CHANGE_NOTICE("Changement d'adresse électronique demandé", """
            Bonjour {name},

            Un changement de l'adresse électronique de votre espace personnel a été demandé. Il prendra effet
            lorsque la nouvelle adresse sera confirmée. Si vous n'êtes pas à l'origine de cette demande,
            changez votre mot de passe et contactez l'assistance.
            """),
    EMAIL_IN_USE("Adresse électronique déjà utilisée", """
            Bonjour,

            Cette adresse a été proposée comme nouvelle adresse d'un espace personnel, mais elle est déjà celle
            d'un autre espace. Aucun changement n'a été fait.
            """),
    FRANCECONNECT_LINKED("FranceConnect est désormais relié à votre espace personnel", """
            Bonjour {name},

            Votre espace personnel vient d'être relié à une identité FranceConnect : vous pouvez désormais vous
            y connecter avec FranceConnect. Si vous n'êtes pas à l'origine de cette liaison, contactez
            l'assistance sans attendre.
            """),
    SPACE_CLOSED("Votre espace personnel est fermé", """
            Bonjour {name},

            Votre espace personnel a été fermé à votre demande. Vos droits à formation restent acquis :
            ils vous appartiennent et vous pourrez les retrouver en vous inscrivant de nouveau.
            """);

    private final String subject;
    private final String body;

    IdentityMail(String subject, String body) {
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
