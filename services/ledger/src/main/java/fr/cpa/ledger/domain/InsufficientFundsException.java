package fr.cpa.ledger.domain;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** The available balance (balance minus open reservations) is smaller than what is asked. */
public class InsufficientFundsException extends ProblemException {

    public static final ProblemType TYPE = ProblemType.of("insufficient-funds", 422,
            "The available balance is not enough for this amount.");

    public InsufficientFundsException() {
        super(TYPE);
    }
}
