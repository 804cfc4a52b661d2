package fr.cpa.catalogue.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.cpa.catalogue.domain.Offers.CertificationRef;
import fr.cpa.catalogue.domain.Offers.OrganisationRef;

/**
 * One page of a search's hits, with the total and the facets of the whole result (each facet adds up to the total).
 *
 * @param facets facet name → value → count; "NONE" counts hits without a value (no region for remote actions, no
 *        level for RS certifications)
 */
public record SearchResult(List<Hit> items, long total, Map<String, Map<String, Long>> facets) {

    /**
     * An action of an offer: where, how, how long and at what price, with its next session in the dates asked.
     *
     * @param kind the certification kind: RNCP, RS, or a special kind
     * @param distanceKm from the searched place, when one was given
     * @param relevance how well the words match (0 without words)
     */
    public record Hit(UUID offerId, UUID actionId, String title, OrganisationRef organisation,
            CertificationRef certification, String kind, Modality modality, Place place, long priceCents,
            int durationHours, NextSession nextSession, Double distanceKm, double relevance) {
    }

    public record Place(String city, String postcode, String regionCode, Double latitude, Double longitude) {
    }

    /** @param seatsBooked and {@code seatsLeft}: as on the offer's sessions ({@link Offers.Session}) */
    public record NextSession(UUID id, LocalDate startsOn, LocalDate endsOn, int seats, boolean inWorkingTime,
            int seatsBooked, int seatsLeft) {
    }

    /** Price bands of the facet, in cents: [from, to). */
    public enum PriceBand {
        UNDER_500_EUROS(0, 50_000),
        FROM_500_TO_1000_EUROS(50_000, 100_000),
        FROM_1000_TO_2000_EUROS(100_000, 200_000),
        FROM_2000_TO_5000_EUROS(200_000, 500_000),
        FROM_5000_EUROS(500_000, Long.MAX_VALUE);

        public final long fromCents;
        public final long toCents;

        PriceBand(long fromCents, long toCents) {
            this.fromCents = fromCents;
            this.toCents = toCents;
        }
    }
}
