package fr.cpa.enrolment.domain.lifecycle;

/** The employer's answer to an absence in working time (since 2019, the calendar only, never the content). */
public enum EmployerStatus {
    /** Outside working time: no authorisation needed. */
    NOT_NEEDED,
    PENDING,
    AUTHORISED,
    /** No answer within 30 calendar days: an authorisation (D. 6323-4). */
    AUTHORISED_BY_SILENCE,
    REFUSED;

    public boolean authorises() {
        return this == NOT_NEEDED || this == AUTHORISED || this == AUTHORISED_BY_SILENCE;
    }
}
