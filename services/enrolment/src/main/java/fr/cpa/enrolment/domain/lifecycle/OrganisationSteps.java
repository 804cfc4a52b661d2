package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.rules.FrenchFormat;
import fr.cpa.platform.rules.RuleBook.DatedValue;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * What a training organisation does with the applications for its own sessions: accept with its proposal (dates,
 * price) or refuse, declare the entry (or the holder's absence), declare the service done with the attendance, or
 * cancel. Another organisation's application is not found.
 */
@ApplicationScoped
public class OrganisationSteps {

    /** Why a training was followed only in part, as the organisation declares it with the service done. */
    public enum PartialReason {
        /** Force majeure: no proof needed. */
        FORCE_MAJEURE,
        /** The trainee abandoned the training. */
        ABANDONMENT,
        /** The trainee was absent. */
        ABSENCE,
        /** The organisation interrupted the training. */
        INTERRUPTED_BY_ORGANISATION
    }

    /**
     * The organisation's proposal; any part left null keeps the session's.
     *
     * @param priceCents the price it proposes, in euro cents
     */
    public record Proposal(LocalDate startsOn, LocalDate endsOn, Long priceCents, String message) {
    }

    private final Clock clock;
    private final Steps steps;
    private final TopUpRequests topUpRequests;

    OrganisationSteps(Clock clock, Steps steps, TopUpRequests topUpRequests) {
        this.clock = clock;
        this.steps = steps;
        this.topUpRequests = topUpRequests;
    }

    @Transactional
    public TrainingApplication propose(UUID id, String siret, Proposal proposal) {
        TrainingApplication application = own(id, siret);
        Steps.expect(application, ApplicationState.SUBMITTED);
        steps.inTime(application);
        LocalDate today = LocalDate.now(clock);
        LocalDate startsOn = proposal.startsOn() != null ? proposal.startsOn() : application.startsOn;
        LocalDate endsOn = proposal.endsOn() != null ? proposal.endsOn() : application.endsOn;
        if (endsOn.isBefore(startsOn)) {
            throw new ProblemException(ProblemType.VALIDATION, "The proposal is invalid.",
                    List.of(new FieldError("endsOn", "must not be before startsOn")));
        }
        LocalDate earliest = EnrolmentRules.earliestStart(today);
        if (startsOn.isBefore(earliest)) {
            DatedValue gap = EnrolmentRules.proposalToStart(today);
            throw new ProblemException(EnrolmentProblems.START_TOO_SOON, "A training starts at least " + gap.value()
                    + " working days after the organisation's proposal (" + gap.law() + "): on "
                    + earliest + " at the earliest.", List.of(new FieldError("startsOn", "must be on or after "
                            + earliest)));
        }
        if (!EmployerStatus.NOT_NEEDED.name().equals(application.employerStatus)) {
            Submissions.checkEmployerNotice(HolderProfile.<HolderProfile>findById(application.holderId),
                    application.employerRequestedOn, startsOn, endsOn);
        }
        String changes = "";
        if (!startsOn.equals(application.startsOn) || !endsOn.equals(application.endsOn)) {
            changes += " ; dates proposées du " + FrenchFormat.date(startsOn) + " au " + FrenchFormat.date(endsOn);
        }
        if (proposal.priceCents() != null && proposal.priceCents() != application.priceCents) {
            changes += " ; prix proposé " + FrenchFormat.euros(proposal.priceCents()) + " au lieu de "
                    + FrenchFormat.euros(application.priceCents);
            application.priceCents = proposal.priceCents();
        }
        application.startsOn = startsOn;
        application.endsOn = endsOn;
        application.proposedOn = today;
        application.proposalMessage = proposal.message();
        application.dueOn = EnrolmentRules.confirmationDue(today);
        topUpRequests.replan(application);
        steps.move(application, ApplicationState.PROPOSED, by(siret), "proposition de l'organisme" + changes
                + " ; à confirmer au plus tard le " + FrenchFormat.date(application.dueOn));
        return application;
    }

    @Transactional
    public TrainingApplication refuse(UUID id, String siret, String reason) {
        TrainingApplication application = own(id, siret);
        Steps.expect(application, ApplicationState.SUBMITTED);
        return end(application, ApplicationState.REFUSED_BY_ORGANISATION, siret, reason);
    }

    /** The holder started the training: from its first day, within the deadline that follows it. */
    @Transactional
    public TrainingApplication enter(UUID id, String siret) {
        TrainingApplication application = own(id, siret);
        Steps.expect(application, ApplicationState.CONFIRMED);
        started(application);
        steps.inTime(application);
        application.enteredOn = LocalDate.now(clock);
        application.dueOn = EnrolmentRules.completionDue(application.endsOn);
        steps.move(application, ApplicationState.IN_TRAINING, by(siret), "entrée en formation déclarée");
        return application;
    }

    /** The holder did not come: without force majeure, the rights held are forfeited. */
    @Transactional
    public TrainingApplication noShow(UUID id, String siret, boolean forceMajeure, String reason) {
        TrainingApplication application = own(id, siret);
        Steps.expect(application, ApplicationState.CONFIRMED);
        started(application);
        application.forfeited = !forceMajeure;
        return end(application, ApplicationState.NO_SHOW, siret, (forceMajeure ? "force majeure : " : "")
                + reason + (forceMajeure ? "" : " — les droits réservés sont débités"));
    }

    /**
     * The service done, with the minutes attended (at most the planned duration) and, for a partial attendance, why:
     * the ledger debits the rights prorated to attendance.
     */
    @Transactional
    public TrainingApplication complete(UUID id, String siret, long attendedMinutes, PartialReason reason) {
        TrainingApplication application = own(id, siret);
        Steps.expect(application, ApplicationState.IN_TRAINING);
        if (attendedMinutes > application.durationMinutes) {
            throw new ProblemException(ProblemType.VALIDATION, "The attendance is invalid.", List.of(new FieldError(
                    "attendedHours", "must be at most the planned " + FrenchFormat.hours(application.durationMinutes))));
        }
        if (attendedMinutes < application.durationMinutes && reason == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The attendance is invalid.", List.of(new FieldError(
                    "partialReason", "is required when the training was not followed in full")));
        }
        application.attendedMinutes = attendedMinutes;
        application.completionReason = reason == null ? null : reason.name();
        application.completedOn = LocalDate.now(clock);
        application.dueOn = null;
        steps.move(application, ApplicationState.COMPLETED, by(siret), "service fait déclaré : "
                + FrenchFormat.hours(attendedMinutes) + " suivies sur " + FrenchFormat.hours(application.durationMinutes)
                + (reason == null ? "" : " (" + reason + ")"));
        if (application.reservedCpfCents + application.reservedCecCents == 0) {
            // Nothing was held: nothing to debit, the service is validated at once.
            application.validatedOn = application.completedOn;
            steps.move(application, ApplicationState.SERVICE_VALIDATED, Actor.By.ledger(), "aucun droit à débiter");
        }
        return application;
    }

    @Transactional
    public TrainingApplication cancel(UUID id, String siret, String reason) {
        TrainingApplication application = own(id, siret);
        return end(application, ApplicationState.CANCELLED_BY_ORGANISATION, siret, reason);
    }

    private TrainingApplication end(TrainingApplication application, ApplicationState state, String siret,
            String reason) {
        application.endedReason = reason;
        application.dueOn = null;
        steps.move(application, state, by(siret), reason);
        return application;
    }

    private void started(TrainingApplication application) {
        if (LocalDate.now(clock).isBefore(application.startsOn)) {
            throw new ProblemException(EnrolmentProblems.STATE, "The training starts on " + application.startsOn
                    + ": the entry is declared from that day.");
        }
    }

    /** The organisation's own application, locked; 404 for another's. */
    private TrainingApplication own(UUID id, String siret) {
        TrainingApplication application = steps.lock(id);
        if (!application.organisationSiret.equals(siret)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such application.");
        }
        return application;
    }

    private static By by(String siret) {
        return new By(Actor.ORGANISATION, siret);
    }
}
