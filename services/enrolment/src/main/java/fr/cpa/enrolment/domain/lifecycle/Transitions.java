package fr.cpa.enrolment.domain.lifecycle;

import static fr.cpa.enrolment.domain.lifecycle.ApplicationState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which state may follow which: the lifecycle of the national platform (rules.md, "Training application
 * lifecycle"). Every change of state is checked against it, so no code path can skip a step.
 */
public final class Transitions {

    private static final Map<ApplicationState, Set<ApplicationState>> NEXT = new EnumMap<>(ApplicationState.class);

    static {
        Set<ApplicationState> beforeTraining = EnumSet.of(CANCELLED_BY_HOLDER, CANCELLED_BY_ORGANISATION,
                CANCELLED_BY_FUNDER, REFUSED_BY_EMPLOYER, EXPIRED);
        NEXT.put(SUBMITTED, with(beforeTraining, PROPOSED, REFUSED_BY_ORGANISATION));
        NEXT.put(PROPOSED, with(beforeTraining, PAYMENT_PENDING, AWAITING_EMPLOYER, CONFIRMED));
        NEXT.put(PAYMENT_PENDING, with(beforeTraining, PAYMENT_REFUSED, AWAITING_EMPLOYER, CONFIRMED));
        NEXT.put(PAYMENT_REFUSED, with(beforeTraining, PAYMENT_PENDING, AWAITING_EMPLOYER, CONFIRMED));
        NEXT.put(AWAITING_EMPLOYER, with(beforeTraining, CONFIRMED));
        NEXT.put(CONFIRMED, EnumSet.of(IN_TRAINING, NO_SHOW, CANCELLED_BY_HOLDER, CANCELLED_BY_ORGANISATION,
                CANCELLED_BY_FUNDER, EXPIRED));
        NEXT.put(IN_TRAINING, EnumSet.of(COMPLETED));
        NEXT.put(COMPLETED, EnumSet.of(SERVICE_VALIDATED));
        NEXT.put(SERVICE_VALIDATED, EnumSet.of(PAID));
        for (ApplicationState ended : ApplicationState.ENDED) {
            NEXT.put(ended, EnumSet.noneOf(ApplicationState.class));
        }
    }

    private Transitions() {
    }

    public static boolean allowed(ApplicationState from, ApplicationState to) {
        return NEXT.get(from).contains(to);
    }

    /** The states that may follow. */
    public static Set<ApplicationState> after(ApplicationState from) {
        return EnumSet.copyOf(NEXT.get(from));
    }

    private static Set<ApplicationState> with(Set<ApplicationState> base, ApplicationState... more) {
        Set<ApplicationState> set = EnumSet.noneOf(ApplicationState.class);
        set.addAll(base);
        set.addAll(Set.of(more));
        return set;
    }
}
