package fr.cpa.catalogue.domain;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a search asks for: every field but the dates and the paging may be absent (null or empty), meaning "any".
 *
 * @param text French words as typed, in web-search syntax ("quoted phrases", -excluded, or)
 * @param romeCode a ROME job code the certification leads to
 * @param kinds certification kinds: RNCP, RS, or a special kind
 * @param startFrom first day a session may start
 * @param startTo last day a session may start (null: no limit)
 * @param eligibleFor the holder whose eligible trainings only are wanted (null: all trainings)
 */
public record SearchCriteria(String text, String organisationSiret, String certificationCode, String romeCode,
        String formacode, Set<String> regions, Area area, Set<Modality> modalities, Long minPriceCents,
        Long maxPriceCents, Integer minHours, Integer maxHours, Set<Integer> levels, Set<String> kinds,
        LocalDate startFrom, LocalDate startTo, EligibilityScope eligibleFor, Sort sort, int page, int size) {

    /** The same search for other words (the corrected ones). */
    public SearchCriteria withText(String words) {
        return new SearchCriteria(words, organisationSiret, certificationCode, romeCode, formacode, regions, area,
                modalities, minPriceCents, maxPriceCents, minHours, maxHours, levels, kinds, startFrom, startTo,
                eligibleFor, sort, page, size);
    }

    /** The same search, kept to what the holder of this scope may buy. */
    public SearchCriteria withEligibility(EligibilityScope scope) {
        return new SearchCriteria(text, organisationSiret, certificationCode, romeCode, formacode, regions, area,
                modalities, minPriceCents, maxPriceCents, minHours, maxHours, levels, kinds, startFrom, startTo,
                scope, sort, page, size);
    }

    /** A circle on the earth: actions given at a place within it (wholly remote ones have none). */
    public record Area(double latitude, double longitude, double radiusKm) {
    }

    public enum Sort {
        RELEVANCE,
        START,
        PRICE,
        PRICE_DESC,
        DISTANCE
    }
}
