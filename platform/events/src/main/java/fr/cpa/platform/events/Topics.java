package fr.cpa.platform.events;

/** The Kafka topics of the platform, each keyed by person key or holder id unless said otherwise. */
public final class Topics {

    /** HolderRegistered, HolderProfileChanged, HolderClosed. */
    public static final String IDENTITY_HOLDERS = "cpa.identity.holders";
    /** RightsCredited, ApplicationToppedUp, FundsReserved, FundsReservationRefused, FundsDebited, FundsReleased. */
    public static final String LEDGER_ACCOUNTS = "cpa.ledger.accounts";
    /** ApplicationSubmitted, ApplicationAccepted, ApplicationCancelled, TrainingCompleted. */
    public static final String ENROLMENT_APPLICATIONS = "cpa.enrolment.applications";
    /** SessionSeatsChanged: keyed by session id. */
    public static final String ENROLMENT_SESSIONS = "cpa.enrolment.sessions";
    /** OfferPublished, OfferWithdrawn: keyed by offer id. */
    public static final String CATALOGUE_OFFERS = "cpa.catalogue.offers";
    /** PayslipDeposited. */
    public static final String PAYSLIPS = "cpa.payslips";

    /**
     * Records a service's consumers could not read or apply, one topic per consuming service, each with the original
     * key, headers and value plus SmallRye's {@code dead-letter-*} headers (see docs/operations.md).
     */
    public static final String DEAD_LETTERS_LEDGER = "cpa.dead-letters.ledger";
    public static final String DEAD_LETTERS_CATALOGUE = "cpa.dead-letters.catalogue";
    public static final String DEAD_LETTERS_ENROLMENT = "cpa.dead-letters.enrolment";

    private Topics() {
    }
}
