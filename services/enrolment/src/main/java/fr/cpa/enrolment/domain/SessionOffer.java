package fr.cpa.enrolment.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A session of a catalogue offer, as the catalogue describes it when a holder applies.
 *
 * @param published whether the offer is published (not withdrawn)
 * @param inWorkingTime whether the session can be followed in working time
 * @param seats the seats the organisation offers
 * @param durationMinutes the action's duration
 */
public record SessionOffer(UUID offerId, UUID actionId, UUID sessionId, String organisationSiret,
        String organisationName, String organisationEmail, String certificationCode, String title, boolean published,
        LocalDate startsOn, LocalDate endsOn, int seats, boolean inWorkingTime, long durationMinutes,
        long priceCents) {
}
