package fr.cpa.enrolment.domain.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a training application, with the French label the holder reads on the national platform. Codes are
 * stable: machines match on them.
 */
public enum ApplicationState {

    /** Demande d'inscription: the organisation has 2 working days to answer. */
    SUBMITTED("Demande d'inscription envoyée à l'organisme"),
    /** Proposition de l'organisme (dates, price): the holder has 4 working days to confirm. */
    PROPOSED("Proposition de l'organisme à confirmer"),
    /** Confirmed by the holder; the ledger is holding the rights, the contribution is recorded. */
    PAYMENT_PENDING("Paiement en cours"),
    /** The ledger could not hold the rights: the holder may confirm again before the deadline. */
    PAYMENT_REFUSED("Paiement refusé"),
    /** Rights held; the employer has not yet authorised the absence in working time. */
    AWAITING_EMPLOYER("En attente de l'accord de l'employeur"),
    /** Validé: rights held, absence authorised when needed; the organisation declares the entry. */
    CONFIRMED("Inscription validée"),
    /** En formation: the organisation declared the entry. */
    IN_TRAINING("En formation"),
    /** Sortie de formation et service fait déclarés, with the attendance: the ledger debits. */
    COMPLETED("Service fait déclaré"),
    /** Service fait validé: the rights are debited, prorated to attendance. */
    SERVICE_VALIDATED("Service fait validé"),
    /** The organisation was paid. */
    PAID("Formation payée à l'organisme"),
    REFUSED_BY_ORGANISATION("Refusée par l'organisme"),
    REFUSED_BY_EMPLOYER("Absence refusée par l'employeur"),
    CANCELLED_BY_HOLDER("Annulée par le titulaire"),
    CANCELLED_BY_ORGANISATION("Annulée par l'organisme"),
    CANCELLED_BY_FUNDER("Annulée par le financeur"),
    /** A deadline passed without an answer (the organisation's, the holder's, the entry's). */
    EXPIRED("Annulée automatiquement : délai dépassé"),
    /** The holder did not come to the start of the training. */
    NO_SHOW("Absence du titulaire à l'entrée en formation");

    /** States from which nothing more happens but the ledger's answer. */
    public static final Set<ApplicationState> ENDED = EnumSet.of(PAID, REFUSED_BY_ORGANISATION, REFUSED_BY_EMPLOYER,
            CANCELLED_BY_HOLDER, CANCELLED_BY_ORGANISATION, CANCELLED_BY_FUNDER, EXPIRED, NO_SHOW);

    /** States in which the plan may still change: the holder has not confirmed, or must confirm again. */
    public static final Set<ApplicationState> BEFORE_CONFIRMATION = EnumSet.of(SUBMITTED, PROPOSED, PAYMENT_REFUSED);

    /** States in which the ledger holds (or is asked to hold) the rights. */
    public static final Set<ApplicationState> FUNDS_HELD = EnumSet.of(PAYMENT_PENDING, AWAITING_EMPLOYER, CONFIRMED,
            IN_TRAINING);

    private final String label;

    ApplicationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean ended() {
        return ENDED.contains(this);
    }
}
