package fr.cpa.enrolment.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.cpa.enrolment.domain.funding.FundingPlan;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.persistence.ApplicationTopUp;
import fr.cpa.enrolment.persistence.ApplicationTransition;
import fr.cpa.enrolment.persistence.PlanJson;
import fr.cpa.enrolment.persistence.TopUpRequest;
import fr.cpa.enrolment.persistence.TrainingApplication;

/**
 * An application as each party may see it: the holder (and their advisor, with consent) sees all of it; the
 * organisation the applicant, the session and its own steps; the employer the calendar only, never the content; a
 * funder what it was asked and the application it concerns.
 */
final class ApplicationViews {

    private ApplicationViews() {
    }

    record State(String code, String label) {
        static State of(ApplicationState state) {
            return new State(state.name(), state.label());
        }
    }

    /** What is awaited, from whom, and by which day. */
    record Due(String step, LocalDate by) {
    }

    record Organisation(String siret, String name) {
    }

    record Rights(boolean cpf, boolean cec, int cppPoints) {
    }

    record Employer(String status, LocalDate requestedOn, LocalDate answerDue, Instant decidedAt) {
    }

    /** What the ledger did, in euro cents, as it answered. */
    record Ledger(long reservedCpf, long reservedCec, long debitedCpf, long debitedCec, long releasedCpf,
            long releasedCec, long topUpsReturned, String paymentRefusal, boolean forfeited) {
    }

    record Proposal(LocalDate proposedOn, String message) {
    }

    record Completion(LocalDate enteredOn, Long attendedMinutes, String partialReason, LocalDate completedOn,
            LocalDate validatedOn, LocalDate paidOn, Long paidCents) {
    }

    record Step(String from, String to, Instant at, String actor, String reason) {
    }

    record TopUpRequestView(UUID id, UUID applicationId, String funder, boolean employer, long amountCents,
            String message, String status, String answer, UUID topUpId, Instant createdAt, Instant answeredAt) {
        static TopUpRequestView of(TopUpRequest request) {
            return new TopUpRequestView(request.id, request.applicationId, request.funderClient,
                    request.funderSiret != null, request.amountCents, request.message, request.status,
                    request.answer, request.topUpId, request.createdAt, request.answeredAt);
        }
    }

    record TopUp(UUID id, String funderType, String funderName, long amountCents) {
    }

    /** The holder's own view (and their advisor's, with consent). */
    record HolderView(UUID id, State state, Due due, UUID offerId, UUID actionId, UUID sessionId,
            Organisation organisation, String certificationCode, String title, boolean cecOnly, LocalDate startsOn,
            LocalDate endsOn, long durationMinutes, long priceCents, String workingTime, Rights rights,
            FundingPlan plan, Instant planComputedAt, long holderPaymentCents, Employer employer, Proposal proposal,
            Completion completion, Ledger ledger, String endedReason, List<TopUpRequestView> topUpRequests,
            List<TopUp> topUps, List<Step> history, Instant submittedAt, Instant updatedAt) {
    }

    record Applicant(String name, String email) {
    }

    /** The organisation's view: who applies, for what, and the steps (without what they say of the holder's rights). */
    record OrganisationView(UUID id, State state, Due due, Applicant applicant, UUID offerId, UUID actionId,
            UUID sessionId, String certificationCode, String title, LocalDate startsOn, LocalDate endsOn,
            long durationMinutes, long priceCents, String workingTime, String employerStatus, Proposal proposal,
            Completion completion, List<Step> history, Instant submittedAt, Instant updatedAt) {
    }

    /** The employer's view of an absence request: the calendar, never the content of the training. */
    record EmployerView(UUID id, Applicant applicant, LocalDate startsOn, LocalDate endsOn, long durationMinutes,
            String workingTime, String status, LocalDate requestedOn, LocalDate answerDue, Instant decidedAt,
            boolean applicationEnded) {
    }

    /** A funder's view of a request addressed to it, with what it needs to decide. */
    record FunderRequestView(TopUpRequestView request, Applicant applicant, UUID applicationId, State state,
            String title, String certificationCode, Organisation organisation, LocalDate startsOn, LocalDate endsOn,
            long priceCents, long uncoveredCents) {
    }

    static Due due(TrainingApplication application) {
        if (application.dueOn == null) {
            return null;
        }
        String step = switch (application.state) {
            case SUBMITTED -> "ORGANISATION_ANSWER";
            case PROPOSED, PAYMENT_REFUSED -> "HOLDER_CONFIRMATION";
            case CONFIRMED -> "ENTRY_DECLARATION";
            case IN_TRAINING -> "COMPLETION_DECLARATION";
            case SERVICE_VALIDATED -> "PAYMENT";
            default -> null;
        };
        return step == null ? null : new Due(step, application.dueOn);
    }

    static HolderView holder(TrainingApplication a) {
        return new HolderView(a.id, State.of(a.state), due(a), a.offerId, a.actionId, a.sessionId,
                new Organisation(a.organisationSiret, a.organisationName), a.certificationCode, a.title, a.cecOnly,
                a.startsOn, a.endsOn, a.durationMinutes, a.priceCents, a.workingTime,
                new Rights(a.useCpf, a.useCec, a.cppPoints), PlanJson.plan(a), a.planComputedAt,
                a.holderPaymentCents, employer(a), proposal(a), completion(a), ledger(a), a.endedReason,
                TopUpRequest.ofApplication(a.id).stream().map(TopUpRequestView::of).toList(),
                ApplicationTopUp.ofApplication(a.id).stream()
                        .map(t -> new TopUp(t.topUpId, t.funderType, t.funderName, t.amountCents)).toList(),
                ApplicationTransition.of(a.id).stream().map(t -> new Step(t.fromState, t.toState, t.at, t.actor,
                        t.reason)).toList(), a.submittedAt, a.updatedAt);
    }

    static OrganisationView organisation(TrainingApplication a) {
        return new OrganisationView(a.id, State.of(a.state), due(a), new Applicant(a.applicantName, a.applicantEmail),
                a.offerId, a.actionId, a.sessionId, a.certificationCode, a.title, a.startsOn, a.endsOn,
                a.durationMinutes, a.priceCents, a.workingTime, a.employerStatus, proposal(a), completion(a),
                ApplicationTransition.of(a.id).stream().map(t -> new Step(t.fromState, t.toState, t.at,
                        t.actor, null)).toList(), a.submittedAt, a.updatedAt);
    }

    static EmployerView employerRequest(TrainingApplication a) {
        return new EmployerView(a.id, new Applicant(a.applicantName, null), a.startsOn, a.endsOn, a.durationMinutes,
                a.workingTime, a.employerStatus, a.employerRequestedOn, a.employerAnswerDue, a.employerDecidedAt,
                a.state.ended());
    }

    static FunderRequestView funderRequest(TopUpRequest request, TrainingApplication a) {
        return new FunderRequestView(TopUpRequestView.of(request), new Applicant(a.applicantName, null), a.id,
                State.of(a.state), a.title, a.certificationCode, new Organisation(a.organisationSiret,
                        a.organisationName), a.startsOn, a.endsOn, a.priceCents,
                PlanJson.plan(a).amountOf(FundingPlan.Source.HOLDER_REMAINDER));
    }

    private static Employer employer(TrainingApplication a) {
        return new Employer(a.employerStatus, a.employerRequestedOn, a.employerAnswerDue, a.employerDecidedAt);
    }

    private static Proposal proposal(TrainingApplication a) {
        return a.proposedOn == null ? null : new Proposal(a.proposedOn, a.proposalMessage);
    }

    private static Completion completion(TrainingApplication a) {
        return a.enteredOn == null && a.completedOn == null ? null : new Completion(a.enteredOn, a.attendedMinutes,
                a.completionReason, a.completedOn, a.validatedOn, a.paidOn, a.paidCents);
    }

    private static Ledger ledger(TrainingApplication a) {
        return new Ledger(a.reservedCpfCents, a.reservedCecCents, a.debitedCpfCents, a.debitedCecCents,
                a.releasedCpfCents, a.releasedCecCents, a.topUpsReturnedCents, a.paymentRefusal, a.forfeited);
    }
}
