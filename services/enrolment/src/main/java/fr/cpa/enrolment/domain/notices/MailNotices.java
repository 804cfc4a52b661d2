package fr.cpa.enrolment.domain.notices;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import fr.cpa.enrolment.domain.lifecycle.Actor;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.ApplicationStepped;
import fr.cpa.enrolment.domain.lifecycle.EmployerStatus;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests.TopUpRequestChanged;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.PartnerContact;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.mail.MailTemplates;
import fr.cpa.platform.mail.Mails;
import fr.cpa.platform.rules.FrenchFormat;

/**
 * A mail to the holder, the organisation and the employer at each step that concerns them, queued in the step's
 * transaction (platform mail outbox). The holder's mails follow their preference as identity announced it; an
 * organisation is written to at the address it set ({@code PUT /partners/me/contact}), else its offer's contact; an
 * employer only at the address it set.
 */
@ApplicationScoped
public class MailNotices {

    private static final Logger LOG = Logger.getLogger(MailNotices.class);

    private final Mails mails;
    private final String spaUrl;
    private final String apiUrl;

    MailNotices(Mails mails, @ConfigProperty(name = "cpa.enrolment.spa-url") String spaUrl,
            @ConfigProperty(name = "cpa.enrolment.api-url") String apiUrl) {
        this.mails = mails;
        this.spaUrl = spaUrl;
        this.apiUrl = apiUrl;
    }

    @Produces
    @Singleton
    static MailTemplates templates() {
        return MailTemplates.of(EnrolmentMail.class);
    }

    void onStep(@Observes ApplicationStepped step) {
        TrainingApplication application = step.application();
        ApplicationState to = step.to();
        Map<String, String> parameters = parameters(application, step.reason());
        switch (to) {
            case SUBMITTED -> {
                holder(application, EnrolmentMail.SUBMITTED_HOLDER, parameters);
                organisation(application, EnrolmentMail.SUBMITTED_ORGANISATION, parameters);
                if (EmployerStatus.PENDING.name().equals(application.employerStatus)) {
                    parameters.put("due", FrenchFormat.date(application.employerAnswerDue));
                    employer(application, EnrolmentMail.REQUEST_EMPLOYER, parameters);
                }
            }
            case PROPOSED -> holder(application, EnrolmentMail.PROPOSED_HOLDER, parameters);
            case PAYMENT_REFUSED -> holder(application, EnrolmentMail.PAYMENT_REFUSED_HOLDER, parameters);
            case AWAITING_EMPLOYER -> holder(application, EnrolmentMail.AWAITING_EMPLOYER_HOLDER, parameters);
            case CONFIRMED -> {
                parameters.put("amount", FrenchFormat.euros(application.reservedCpfCents
                        + application.reservedCecCents));
                holder(application, EnrolmentMail.CONFIRMED_HOLDER, parameters);
                organisation(application, EnrolmentMail.CONFIRMED_ORGANISATION, parameters);
            }
            case IN_TRAINING -> holder(application, EnrolmentMail.IN_TRAINING_HOLDER, parameters);
            case COMPLETED -> holder(application, EnrolmentMail.COMPLETED_HOLDER, parameters);
            case SERVICE_VALIDATED -> {
                parameters.put("amount", FrenchFormat.euros(application.debitedCpfCents
                        + application.debitedCecCents));
                holder(application, EnrolmentMail.VALIDATED_HOLDER, parameters);
            }
            case PAID -> {
                parameters.put("amount", FrenchFormat.euros(application.paidCents == null ? 0 : application.paidCents));
                organisation(application, EnrolmentMail.PAID_ORGANISATION, parameters);
            }
            default -> {
                if (to.ended()) {
                    holder(application, EnrolmentMail.ENDED_HOLDER, parameters);
                    // A party is not told of its own step.
                    if (step.by().actor() != Actor.ORGANISATION) {
                        organisation(application, EnrolmentMail.ENDED_ORGANISATION, parameters);
                    }
                    if (application.employerSiret != null && step.by().actor() != Actor.EMPLOYER) {
                        employer(application, EnrolmentMail.ENDED_EMPLOYER, parameters);
                    }
                }
            }
        }
    }

    void onTopUpRequest(@Observes TopUpRequestChanged changed) {
        if (!"PENDING".equals(changed.request().status) && !"WITHDRAWN".equals(changed.request().status)) {
            Map<String, String> parameters = parameters(changed.application(), changed.request().answer == null ? ""
                    : changed.request().answer);
            parameters.put("state", "ANSWERED".equals(changed.request().status) ? "abondement accordé"
                    : "demande déclinée");
            holder(changed.application(), EnrolmentMail.TOP_UP_ANSWER_HOLDER, parameters);
        }
    }

    private void holder(TrainingApplication application, EnrolmentMail template, Map<String, String> parameters) {
        boolean wanted = HolderProfile.of(application.holderId).map(p -> p.emailNotifications).orElse(true);
        if (wanted && application.applicantEmail != null) {
            Map<String, String> own = new HashMap<>(parameters);
            own.put("link", spaUrl + "/mes-formations/" + application.id);
            mails.send(application.applicantEmail, template, own);
        }
    }

    private void organisation(TrainingApplication application, EnrolmentMail template,
            Map<String, String> parameters) {
        Optional<String> address = PartnerContact.emailOf(application.organisationSiret)
                .or(() -> Optional.ofNullable(application.organisationEmail));
        send(address, template, parameters, apiUrl + "/api/enrolment/organisation/applications/" + application.id);
    }

    private void employer(TrainingApplication application, EnrolmentMail template, Map<String, String> parameters) {
        send(PartnerContact.emailOf(application.employerSiret), template, parameters,
                apiUrl + "/api/enrolment/employer/requests/" + application.id);
    }

    private void send(Optional<String> address, EnrolmentMail template, Map<String, String> parameters, String link) {
        if (address.isEmpty()) {
            LOG.debugf("No address for %s: the partner reads it through the API", template);
            return;
        }
        Map<String, String> own = new HashMap<>(parameters);
        own.put("link", link);
        mails.send(address.get(), template, own);
    }

    private static Map<String, String> parameters(TrainingApplication application, String reason) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("name", application.applicantName);
        parameters.put("title", application.title);
        parameters.put("organisation", application.organisationName);
        parameters.put("startsOn", FrenchFormat.date(application.startsOn));
        parameters.put("endsOn", FrenchFormat.date(application.endsOn));
        parameters.put("state", application.state.label().toLowerCase());
        parameters.put("reason", reason == null ? "" : reason);
        parameters.put("due", application.dueOn == null ? "" : FrenchFormat.date(application.dueOn));
        return parameters;
    }
}
