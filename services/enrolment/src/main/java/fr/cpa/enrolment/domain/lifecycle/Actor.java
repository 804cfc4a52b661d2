package fr.cpa.enrolment.domain.lifecycle;

/** Who made a step of an application, recorded with the step: a person, a partner, or the platform itself. */
public enum Actor {
    HOLDER, ORGANISATION, EMPLOYER, FUNDER, ADVISOR, OPERATOR, LEDGER, SCHEDULER;

    /** An actor with its id: a holder id, a SIRET or a client id; none for the scheduler. */
    public record By(Actor actor, String id) {

        public static By scheduler() {
            return new By(SCHEDULER, null);
        }

        public static By ledger() {
            return new By(LEDGER, null);
        }
    }
}
