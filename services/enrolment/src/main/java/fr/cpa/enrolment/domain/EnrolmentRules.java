package fr.cpa.enrolment.domain;

import java.time.LocalDate;
import java.util.Optional;

import fr.cpa.enrolment.domain.calendar.WorkingDays;
import fr.cpa.platform.rules.HolderContribution;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.rules.RuleBook.DatedValue;

/**
 * The dated figures of the application lifecycle ({@code rules/enrolment.json}) and the holder's contribution (the
 * platform's {@link HolderContribution}, which the ledger's funding answer shows too). Every deadline is computed
 * here from the figure in force on the day it starts from.
 */
public final class EnrolmentRules {

    private static final RuleBook LIFECYCLE = RuleBook.load("rules/enrolment.json");

    private EnrolmentRules() {
    }

    /** The last day the organisation may answer a request sent on that day. */
    public static LocalDate organisationAnswerDue(LocalDate submittedOn) {
        return WorkingDays.after(submittedOn, days("organisation-answer-working-days", submittedOn));
    }

    /** The last day the holder may confirm a proposal made on that day. */
    public static LocalDate confirmationDue(LocalDate proposedOn) {
        return WorkingDays.after(proposedOn, days("holder-confirmation-working-days", proposedOn));
    }

    /** The earliest start a proposal made on that day may give. */
    public static LocalDate earliestStart(LocalDate proposedOn) {
        return WorkingDays.after(proposedOn, days("proposal-to-start-working-days", proposedOn));
    }

    public static DatedValue proposalToStart(LocalDate proposedOn) {
        return LIFECYCLE.at("proposal-to-start-working-days", proposedOn);
    }

    /** The last day the organisation may declare the entry into a training starting on that day. */
    public static LocalDate entryDue(LocalDate startsOn) {
        return WorkingDays.after(startsOn, days("entry-declaration-working-days", startsOn));
    }

    /** The last day the organisation should declare the service done of a training ending that day. */
    public static LocalDate completionDue(LocalDate endsOn) {
        return WorkingDays.after(endsOn, days("completion-declaration-working-days", endsOn));
    }

    /** The last day a service validated that day is paid. */
    public static LocalDate paymentDue(LocalDate validatedOn) {
        return validatedOn.plusDays(LIFECYCLE.valueAt("payment-days", validatedOn));
    }

    /** Whether a holder cancelling on {@code today} a training starting on {@code startsOn} owes nothing. */
    public static boolean freeCancellation(LocalDate today, LocalDate startsOn) {
        return WorkingDays.between(today, startsOn) > LIFECYCLE.valueAt("free-cancellation-working-days", today);
    }

    public static DatedValue freeCancellation(LocalDate today) {
        return LIFECYCLE.at("free-cancellation-working-days", today);
    }

    /** The notice (calendar days) an absence in working time needs for a training between those dates. */
    public static DatedValue employerNotice(LocalDate requestedOn, LocalDate startsOn, LocalDate endsOn) {
        long longFrom = LIFECYCLE.valueAt("long-training-months", requestedOn);
        boolean longTraining = !endsOn.isBefore(startsOn.plusMonths(longFrom));
        return LIFECYCLE.at(longTraining ? "employer-notice-days-long-training" : "employer-notice-days", requestedOn);
    }

    /** The last day the employer may answer a request received that day; silence then is an authorisation. */
    public static LocalDate employerAnswerDue(LocalDate requestedOn) {
        return requestedOn.plusDays(LIFECYCLE.valueAt("employer-answer-days", requestedOn));
    }

    public static Optional<DatedValue> strongLoginRequired(LocalDate on) {
        return LIFECYCLE.parameter("strong-login-for-purchases").at(on).filter(flag -> flag.value() == 1);
    }

    /** The holder's contribution in force that day (none before 2 May 2024). */
    public static Optional<DatedValue> holderContribution(LocalDate on) {
        return HolderContribution.inForce(on);
    }

    private static int days(String parameter, LocalDate on) {
        return Math.toIntExact(LIFECYCLE.valueAt(parameter, on));
    }
}
