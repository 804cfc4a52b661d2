package fr.cpa.enrolment.domain;

import fr.cpa.platform.web.problem.ProblemType;

/** The enrolment service's own kinds of problem, with stable types clients can match on. */
public final class EnrolmentProblems {

    public static final ProblemType NOT_ELIGIBLE = ProblemType.of("not-eligible", 422,
            "This training is not eligible for you");
    public static final ProblemType EMPLOYER_NOTICE = ProblemType.of("employer-notice-too-short", 422,
            "Too short a notice for an absence in working time");
    public static final ProblemType NO_EMPLOYER = ProblemType.of("no-employer", 422,
            "No employer to ask for an absence in working time");
    public static final ProblemType SESSION_FULL = ProblemType.of("session-full", 409, "This session is full");
    public static final ProblemType SESSION_UNAVAILABLE = ProblemType.of("session-unavailable", 422,
            "This session cannot be applied for");
    public static final ProblemType STATE = ProblemType.of("application-state", 409,
            "The application is not in a state that allows this");
    public static final ProblemType DEADLINE_PASSED = ProblemType.of("deadline-passed", 409,
            "The deadline for this step has passed");
    public static final ProblemType START_TOO_SOON = ProblemType.of("start-too-soon", 422,
            "The training starts too soon after the proposal");
    public static final ProblemType STRONG_LOGIN = ProblemType.of("strong-login-required", 401,
            "A recent FranceConnect+ login is needed to buy a training");
    public static final ProblemType ACCOUNT_IN_HOURS = ProblemType.of("account-in-hours", 422,
            "Your account still counts hours");
    public static final ProblemType PROFILE_UNKNOWN = ProblemType.of("holder-profile-unknown", 409,
            "Your space is not known here yet");
    public static final ProblemType LEDGER_UNAVAILABLE = ProblemType.of("ledger-unavailable", 503,
            "Your rights cannot be read right now; retry later");
    public static final ProblemType CATALOGUE_UNAVAILABLE = ProblemType.of("catalogue-unavailable", 503,
            "The catalogue cannot be read right now; retry later");

    private EnrolmentProblems() {
    }
}
