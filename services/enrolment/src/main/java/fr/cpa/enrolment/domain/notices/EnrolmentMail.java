package fr.cpa.enrolment.domain.notices;

import java.util.Map;

import fr.cpa.platform.mail.MailTemplate;

/**
 * The mails of the application lifecycle, in French as the national platform writes to its users. Parameters:
 * {@code name}, {@code title}, {@code organisation}, {@code startsOn}, {@code endsOn}, {@code state}, {@code reason},
 * {@code due}, {@code amount}, {@code link}. None of them is ever a NIR.
 */
public enum EnrolmentMail implements MailTemplate {

    SUBMITTED_HOLDER("Votre demande d'inscription est envoyée", """
            Bonjour {name},

            Votre demande d'inscription à la formation « {title} » ({organisation}, du {startsOn} au {endsOn}) est
            envoyée à l'organisme, qui doit y répondre au plus tard le {due}.

            Suivre votre dossier : {link}
            """),
    PROPOSED_HOLDER("Une proposition de l'organisme attend votre confirmation", """
            Bonjour {name},

            {organisation} accepte votre demande pour « {title} » et vous propose la formation du {startsOn} au
            {endsOn}. Confirmez-la au plus tard le {due}, sinon votre demande sera annulée.

            {reason}

            Voir et confirmer la proposition : {link}
            """),
    PAYMENT_REFUSED_HOLDER("Le paiement de votre formation n'a pas abouti", """
            Bonjour {name},

            Vos droits n'ont pas pu être réservés pour « {title} » : {reason}. Vous pouvez demander un abondement ou
            confirmer de nouveau jusqu'au {due}.

            Votre dossier : {link}
            """),
    AWAITING_EMPLOYER_HOLDER("Votre inscription attend l'accord de votre employeur", """
            Bonjour {name},

            Vos droits sont réservés pour « {title} ». La formation ayant lieu sur votre temps de travail, votre
            employeur doit autoriser votre absence ; sans réponse de sa part dans les 30 jours de votre demande,
            l'absence est autorisée.

            Votre dossier : {link}
            """),
    CONFIRMED_HOLDER("Votre inscription est validée", """
            Bonjour {name},

            Votre inscription à « {title} » ({organisation}) est validée : {amount} de vos droits sont réservés.
            La formation commence le {startsOn}.

            Votre dossier : {link}
            """),
    IN_TRAINING_HOLDER("Votre entrée en formation est enregistrée", """
            Bonjour {name},

            {organisation} a déclaré votre entrée en formation « {title} ». Bonne formation !

            Votre dossier : {link}
            """),
    COMPLETED_HOLDER("La fin de votre formation est déclarée", """
            Bonjour {name},

            {organisation} a déclaré la fin de la formation « {title} » : {reason}.

            Votre dossier : {link}
            """),
    VALIDATED_HOLDER("Votre formation est payée par vos droits", """
            Bonjour {name},

            Le service fait pour « {title} » est validé : {amount} ont été débités de vos droits. Ce qui était réservé
            au-delà vous est rendu, et les abondements non utilisés retournent à leurs financeurs.

            Votre dossier : {link}
            """),
    ENDED_HOLDER("Votre dossier de formation est clos", """
            Bonjour {name},

            Votre dossier pour « {title} » ({organisation}) est clos : {state}.
            {reason}

            Votre dossier : {link}
            """),
    TOP_UP_ANSWER_HOLDER("Réponse à votre demande d'abondement", """
            Bonjour {name},

            Votre demande d'abondement pour « {title} » a reçu une réponse : {state}.
            {reason}

            Votre dossier : {link}
            """),
    SUBMITTED_ORGANISATION("Nouvelle demande d'inscription", """
            Bonjour,

            {name} demande à s'inscrire à « {title} » (session du {startsOn} au {endsOn}). Acceptez-la avec votre
            proposition ou refusez-la au plus tard le {due} ; sans réponse, elle sera annulée.

            Dossier {link}
            """),
    CONFIRMED_ORGANISATION("Inscription validée : l'entrée en formation est à déclarer", """
            Bonjour,

            L'inscription de {name} à « {title} » est validée. Déclarez son entrée en formation à partir du
            {startsOn}, au plus tard le {due}.

            Dossier {link}
            """),
    ENDED_ORGANISATION("Un dossier de formation est clos", """
            Bonjour,

            Le dossier de {name} pour « {title} » (session du {startsOn}) est clos : {state}.
            {reason}

            Dossier {link}
            """),
    PAID_ORGANISATION("Paiement d'une formation", """
            Bonjour,

            Le service fait de {name} pour « {title} » est payé : {amount}.

            Dossier {link}
            """),
    REQUEST_EMPLOYER("Demande d'autorisation d'absence pour formation", """
            Bonjour,

            {name}, de votre entreprise, demande à suivre une formation sur son temps de travail du {startsOn} au
            {endsOn}. Vous autorisez ou refusez l'absence (le calendrier, non le contenu de la formation) au plus tard
            le {due} ; sans réponse, l'absence est autorisée (Code du travail, D. 6323-4).

            Demande {link}
            """),
    ENDED_EMPLOYER("Demande d'absence pour formation retirée", """
            Bonjour,

            La demande d'absence de {name} du {startsOn} au {endsOn} est sans objet : la formation n'aura pas lieu
            ({state}).

            Demande {link}
            """);

    private final String subject;
    private final String body;

    EnrolmentMail(String subject, String body) {
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
