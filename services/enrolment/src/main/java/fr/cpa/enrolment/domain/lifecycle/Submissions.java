package fr.cpa.enrolment.domain.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.enrolment.domain.Applicant;
import fr.cpa.enrolment.domain.ApplicationChoices;
import fr.cpa.enrolment.domain.EnrolmentProblems;
import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.OfferEligibility;
import fr.cpa.enrolment.domain.SessionOffer;
import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.enrolment.domain.funding.FundingPlan;
import fr.cpa.enrolment.domain.funding.FundingPlans;
import fr.cpa.enrolment.domain.funding.FundingRequest;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.domain.seats.Seats;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.rules.FrenchFormat;
import fr.cpa.platform.rules.RuleBook.DatedValue;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;

/**
 * A holder's application for a session, from the quote to the sign-up request: the training must be open, eligible
 * for the holder and paid with rights they consent to use; a training in working time needs an employer and enough
 * notice (D. 6323-4). The organisation then has its deadline to answer.
 */
@ApplicationScoped
public class Submissions {

    /** A quote or a submission that passed every check, with its plan. */
    public record Checked(HolderProfile profile, FundingPlan plan, FundingRequest request) {
    }

    private final Clock clock;
    private final Steps steps;
    private final Seats seats;
    private final TopUpRequests topUpRequests;

    Submissions(Clock clock, Steps steps, Seats seats, TopUpRequests topUpRequests) {
        this.clock = clock;
        this.steps = steps;
        this.seats = seats;
        this.topUpRequests = topUpRequests;
    }

    /** What the application would cost and who would pay, without writing anything. */
    @Transactional
    public Checked quote(UUID holderId, SessionOffer session, OfferEligibility eligibility, ApplicationChoices choices,
            AvailableFunds funds) {
        return check(holderId, session, eligibility, choices, funds);
    }

    /** Sends the sign-up request to the organisation (and the absence request to the employer, in working time). */
    @Transactional
    public TrainingApplication submit(UUID id, Applicant applicant, SessionOffer session,
            OfferEligibility eligibility, ApplicationChoices choices, AvailableFunds funds) {
        Checked checked = check(applicant.holderId(), session, eligibility, choices, funds);
        if (!seats.available(session.sessionId(), session.offerId(), session.seats())) {
            throw new ProblemException(EnrolmentProblems.SESSION_FULL, "Every seat of this session is taken.");
        }
        LocalDate today = LocalDate.now(clock);
        TrainingApplication application = new TrainingApplication();
        application.id = id;
        application.holderId = applicant.holderId();
        application.personKey = checked.profile().personKey;
        application.state = ApplicationState.SUBMITTED;
        application.offerId = session.offerId();
        application.actionId = session.actionId();
        application.sessionId = session.sessionId();
        application.organisationSiret = session.organisationSiret();
        application.organisationName = session.organisationName();
        application.organisationEmail = session.organisationEmail();
        application.certificationCode = session.certificationCode();
        application.title = session.title();
        application.cecOnly = eligibility.cecOnly();
        application.startsOn = session.startsOn();
        application.endsOn = session.endsOn();
        application.durationMinutes = session.durationMinutes();
        application.priceCents = session.priceCents();
        application.workingTime = choices.workingTime().name();
        application.useCpf = checked.request().useCpf();
        application.useCec = checked.request().useCec();
        application.cppPoints = choices.cppPoints();
        application.applicantName = applicant.name();
        application.applicantEmail = applicant.email();
        application.plan = PlanJson.of(checked.plan());
        application.funds = PlanJson.of(funds);
        application.planComputedAt = clock.instant();
        application.dueOn = EnrolmentRules.organisationAnswerDue(today);
        if (choices.workingTime().needsEmployer()) {
            application.employerSiret = checked.profile().workplaceSiret;
            application.employerStatus = EmployerStatus.PENDING.name();
            application.employerRequestedOn = today;
            application.employerAnswerDue = EnrolmentRules.employerAnswerDue(today);
        } else {
            application.employerStatus = EmployerStatus.NOT_NEEDED.name();
        }
        steps.begin(application, new By(Actor.HOLDER, applicant.holderId().toString()),
                "demande d'inscription envoyée à " + session.organisationName() + ", réponse attendue au plus tard le "
                        + FrenchFormat.date(application.dueOn));
        for (ApplicationChoices.TopUpAsk ask : choices.topUps()) {
            topUpRequests.ask(application, ask, checked.profile().workplaceSiret,
                    new By(Actor.HOLDER, applicant.holderId().toString()));
        }
        return application;
    }

    private Checked check(UUID holderId, SessionOffer session, OfferEligibility eligibility,
            ApplicationChoices choices, AvailableFunds funds) {
        HolderProfile profile = HolderProfile.of(holderId).filter(p -> !p.closed)
                .orElseThrow(() -> new ProblemException(EnrolmentProblems.PROFILE_UNKNOWN,
                        "Your space is not known to the enrolment service yet: retry in a moment."));
        LocalDate today = LocalDate.now(clock);
        if (!session.published() || !session.startsOn().isAfter(today)) {
            throw new ProblemException(EnrolmentProblems.SESSION_UNAVAILABLE,
                    session.published() ? "This session has already started." : "This offer was withdrawn.");
        }
        if (!eligibility.eligible()) {
            throw new ProblemException(EnrolmentProblems.NOT_ELIGIBLE, "This training is not eligible for you: "
                    + String.join(" ; ", eligibility.reasons().stream().map(OfferEligibility.Reason::message).toList()),
                    eligibility.reasons().stream().map(r -> new FieldError("offerId", r.code())).toList());
        }
        List<FieldError> errors = new ArrayList<>();
        boolean useCpf = choices.useCpf() && !eligibility.cecOnly();
        if (eligibility.cecOnly() && !choices.useCec()) {
            errors.add(new FieldError("rights.cec", "a volunteers' training is paid from CEC rights only"));
        } else if (!choices.useCpf() && !choices.useCec()) {
            errors.add(new FieldError("rights", "use at least your CPF or your CEC rights"));
        }
        if (choices.cppPoints() > 0 && !useCpf) {
            errors.add(new FieldError("rights.cppPoints", "CPP points become CPF euros: they need the CPF"));
        } else if (choices.cppPoints() > funds.cppPoints()) {
            errors.add(new FieldError("rights.cppPoints", "you have " + funds.cppPoints() + " CPP points to use"));
        }
        if (choices.workingTime().needsEmployer() && !session.inWorkingTime()) {
            errors.add(new FieldError("workingTime", "this session is not held in working time"));
        }
        for (int i = 0; i < choices.topUps().size(); i++) {
            if (choices.topUps().get(i).employer() && profile.workplaceSiret == null) {
                errors.add(new FieldError("topUpRequests[" + i + "].employer",
                        "your profile names no workplace (SIRET)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(fr.cpa.platform.web.problem.ProblemType.VALIDATION,
                    "The application is invalid.", errors);
        }
        if (choices.workingTime().needsEmployer()) {
            checkEmployerNotice(profile, today, session.startsOn(), session.endsOn());
        }
        FundingRequest request = new FundingRequest(session.priceCents(), eligibility.cecOnly(), useCpf,
                choices.useCec() || eligibility.cecOnly(), choices.cppPoints(), false, profile.employmentStatus, today);
        return new Checked(profile, FundingPlans.plan(request, funds), request);
    }

    /** An absence in working time is asked at least 60 days (120 for six months or more) before the start. */
    static void checkEmployerNotice(HolderProfile profile, LocalDate requestedOn, LocalDate startsOn,
            LocalDate endsOn) {
        if (profile.workplaceSiret == null) {
            throw new ProblemException(EnrolmentProblems.NO_EMPLOYER, "Your profile names no workplace (SIRET): "
                    + "add it to your profile, or follow the training outside working time.");
        }
        DatedValue notice = EnrolmentRules.employerNotice(requestedOn, startsOn, endsOn);
        long days = ChronoUnit.DAYS.between(requestedOn, startsOn);
        if (days < notice.value()) {
            throw new ProblemException(EnrolmentProblems.EMPLOYER_NOTICE, "An absence in working time for this "
                    + "training must be asked of the employer at least " + notice.value() + " days before it starts ("
                    + notice.law() + "): the last day to ask was " + FrenchFormat.date(startsOn.minusDays(
                            notice.value())) + "; " + days + " days are left.",
                    List.of(new FieldError("workingTime", "needs " + notice.value() + " days of notice, "
                            + days + " left")));
        }
    }
}
