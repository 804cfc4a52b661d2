package fr.cpa.enrolment.domain.lifecycle;

import static fr.cpa.enrolment.domain.lifecycle.ApplicationState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionsTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "SUBMITTED, PROPOSED, true", "SUBMITTED, REFUSED_BY_ORGANISATION, true", "SUBMITTED, EXPIRED, true",
            "SUBMITTED, PAYMENT_PENDING, false", "SUBMITTED, CONFIRMED, false",
            "PROPOSED, PAYMENT_PENDING, true", "PROPOSED, IN_TRAINING, false",
            "PAYMENT_PENDING, CONFIRMED, true", "PAYMENT_PENDING, AWAITING_EMPLOYER, true",
            "PAYMENT_PENDING, PAYMENT_REFUSED, true", "PAYMENT_REFUSED, PAYMENT_PENDING, true",
            "AWAITING_EMPLOYER, CONFIRMED, true", "AWAITING_EMPLOYER, REFUSED_BY_EMPLOYER, true",
            "CONFIRMED, IN_TRAINING, true", "CONFIRMED, NO_SHOW, true", "CONFIRMED, REFUSED_BY_EMPLOYER, false",
            "IN_TRAINING, COMPLETED, true", "IN_TRAINING, CANCELLED_BY_HOLDER, false",
            "COMPLETED, SERVICE_VALIDATED, true", "SERVICE_VALIDATED, PAID, true", "COMPLETED, PAID, false",
            "CANCELLED_BY_HOLDER, PROPOSED, false", "PAID, CANCELLED_BY_ORGANISATION, false" })
    void lifecycle(ApplicationState from, ApplicationState to, boolean allowed) {
        assertEquals(allowed, Transitions.allowed(from, to));
    }

    @ParameterizedTest
    @EnumSource(value = ApplicationState.class, names = { "PAID", "REFUSED_BY_ORGANISATION", "REFUSED_BY_EMPLOYER",
            "CANCELLED_BY_HOLDER", "CANCELLED_BY_ORGANISATION", "CANCELLED_BY_FUNDER", "EXPIRED", "NO_SHOW" })
    void endedStatesLeadNowhere(ApplicationState ended) {
        assertTrue(ended.ended());
        assertTrue(Transitions.after(ended).isEmpty());
    }

    @Test
    void everyStateHasAFrenchLabelAndEveryOpenOneCanEnd() {
        for (ApplicationState state : ApplicationState.values()) {
            assertFalse(state.label().isBlank());
            if (!state.ended()) {
                assertFalse(Transitions.after(state).isEmpty(), state + " leads somewhere");
            }
        }
    }
}
