package fr.cpa.ledger.domain;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** No reservation has this id. */
public class UnknownReservationException extends ProblemException {

    public UnknownReservationException() {
        super(ProblemType.NOT_FOUND, "No such reservation.");
    }
}
