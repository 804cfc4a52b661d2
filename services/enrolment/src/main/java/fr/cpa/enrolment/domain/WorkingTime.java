package fr.cpa.enrolment.domain;

/** Whether the training is followed during working time, which needs the employer's authorisation of the absence. */
public enum WorkingTime {
    NONE, PARTLY, WHOLLY;

    public boolean needsEmployer() {
        return this != NONE;
    }
}
