package fr.cpa.catalogue.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import fr.cpa.catalogue.domain.Modality;
import fr.cpa.catalogue.domain.SearchCriteria;
import fr.cpa.catalogue.domain.SearchCriteria.Area;
import fr.cpa.catalogue.domain.SearchCriteria.Sort;
import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The query parameters of the search, read from the raw query so that every wrong one, unknown ones included, is
 * named in one 400 answer instead of being ignored or turned into a nameless 404. Values are never quoted back.
 */
final class SearchParameters {

    // Pages as every listing of the platform has them (PageRequest), read here with the other parameters.
    static final int MAX_SIZE = PageRequest.MAX_SIZE;
    static final int DEFAULT_SIZE = PageRequest.DEFAULT_SIZE;
    /** Deep pages cost as much as the whole result; nobody reads past the 10,000th hit. */
    static final int MAX_WINDOW = 10_000;
    static final double DEFAULT_RADIUS_KM = 30;
    static final double MAX_RADIUS_KM = 200;

    private static final Set<String> REPEATABLE = Set.of("region", "modality", "level", "kind");
    private static final Set<String> KNOWN = Set.of("q", "organisation", "certification", "job", "formacode",
            "region", "lat", "lon", "radiusKm", "modality", "minPrice", "maxPrice", "minHours", "maxHours", "level",
            "kind", "startFrom", "startTo", "eligibleFor", "sort", "page", "size");
    private static final Set<String> KINDS = Set.of("RNCP", "RS", "VAE_SUPPORT", "SOCLE_DE_COMPETENCES",
            "BILAN_DE_COMPETENCES", "DRIVING_LICENCE_B", "BUSINESS_CREATION", "CEC_VOLUNTEER");
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern CERTIFICATION = Pattern.compile("(RNCP|RS)\\d{1,6}");
    private static final Pattern ROME = Pattern.compile("[A-N]\\d{4}");
    private static final Pattern FORMACODE = Pattern.compile("\\d{5}");
    private static final Pattern WHOLE = Pattern.compile("0|[1-9]\\d{0,9}");
    private static final int MAX_TEXT = 200;
    private static final long MAX_PRICE_CENTS = 100_000_000L;
    private static final int MAX_HOURS = 10_000;

    /** What was asked; the eligibility scope is the resource's to add, since it needs the caller. */
    record Parsed(SearchCriteria criteria, boolean eligibleForMe) {
    }

    private final Map<String, List<String>> query;
    private final List<FieldError> errors = new ArrayList<>();

    private SearchParameters(Map<String, List<String>> query) {
        this.query = query;
    }

    static Parsed parse(Map<String, List<String>> query, LocalDate today, Set<String> regionCodes) {
        return new SearchParameters(query).read(today, regionCodes);
    }

    private Parsed read(LocalDate today, Set<String> regionCodes) {
        new TreeSet<>(query.keySet()).stream().filter(name -> !KNOWN.contains(name))
                .forEach(name -> errors.add(new FieldError(name, "is not a search parameter")));
        query.forEach((name, values) -> {
            if (KNOWN.contains(name) && !REPEATABLE.contains(name) && values.size() > 1) {
                errors.add(new FieldError(name, "must be given once"));
            }
        });
        String text = one("q");
        if (text != null && (text.isBlank() || text.strip().length() > MAX_TEXT)) {
            errors.add(new FieldError("q", "must be 1 to " + MAX_TEXT + " characters"));
        }
        String organisation = matching("organisation", SIRET, "must be a SIRET of 14 digits");
        String certification = matching("certification", CERTIFICATION, "must be an RNCP or RS code, like RNCP35185");
        String job = matching("job", ROME, "must be a ROME code, like M1805");
        String formacode = matching("formacode", FORMACODE, "must be a Formacode of 5 digits");
        Set<String> regions = many("region", value -> regionCodes.contains(value) ? value : null,
                "must be the INSEE code of a French region, like 11");
        Set<Modality> modalities = many("modality", SearchParameters::modality,
                "must be IN_PERSON, REMOTE or BLENDED");
        Set<Integer> levels = many("level", value -> value.matches("[1-8]") ? Integer.valueOf(value) : null,
                "must be a level from 1 to 8");
        Set<String> kinds = many("kind", value -> KINDS.contains(value) ? value : null,
                "must be one of " + String.join(", ", new TreeSet<>(KINDS)));
        Long minPrice = whole("minPrice", MAX_PRICE_CENTS, "cents");
        Long maxPrice = whole("maxPrice", MAX_PRICE_CENTS, "cents");
        ordered("minPrice", minPrice, "maxPrice", maxPrice);
        Long minHours = whole("minHours", MAX_HOURS, "hours");
        Long maxHours = whole("maxHours", MAX_HOURS, "hours");
        ordered("minHours", minHours, "maxHours", maxHours);
        LocalDate startFrom = date("startFrom");
        LocalDate startTo = date("startTo");
        if (startFrom != null && startTo != null && startTo.isBefore(startFrom)) {
            errors.add(new FieldError("startTo", "must not be before startFrom"));
        }
        Area area = area();
        Sort sort = sort(text != null, area != null);
        boolean eligibleForMe = false;
        String eligibleFor = one("eligibleFor");
        if (eligibleFor != null) {
            if (eligibleFor.equals("me")) {
                eligibleForMe = true;
            } else {
                errors.add(new FieldError("eligibleFor", "must be me"));
            }
        }
        Long page = whole("page", Integer.MAX_VALUE, "");
        Long size = whole("size", MAX_SIZE, "");
        if (size != null && size < 1) {
            errors.add(new FieldError("size", "must be from 1 to " + MAX_SIZE));
        }
        int pageNumber = page == null ? 0 : page.intValue();
        int pageSize = size == null || size < 1 ? DEFAULT_SIZE : size.intValue();
        if ((long) (pageNumber + 1) * pageSize > MAX_WINDOW) {
            errors.add(new FieldError("page", "must keep the page within the first " + MAX_WINDOW
                    + " results; narrow the search instead"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The search parameters are invalid.", errors);
        }
        SearchCriteria criteria = new SearchCriteria(text == null ? null : text.strip(), organisation, certification,
                job, formacode, regions, area, modalities, minPrice, maxPrice, intOrNull(minHours),
                intOrNull(maxHours), levels, kinds, startFrom == null ? today : startFrom, startTo, null, sort,
                pageNumber, pageSize);
        return new Parsed(criteria, eligibleForMe);
    }

    private Area area() {
        Double latitude = decimal("lat", -90, 90);
        Double longitude = decimal("lon", -180, 180);
        Double radius = decimal("radiusKm", 0, MAX_RADIUS_KM);
        if (radius != null && radius <= 0) {
            errors.add(new FieldError("radiusKm", "must be more than 0"));
        }
        boolean hasLatitude = query.containsKey("lat");
        boolean hasLongitude = query.containsKey("lon");
        if (hasLatitude != hasLongitude) {
            errors.add(new FieldError(hasLatitude ? "lon" : "lat", "is required with " + (hasLatitude ? "lat" : "lon")));
        }
        if (query.containsKey("radiusKm") && !hasLatitude && !hasLongitude) {
            errors.add(new FieldError("radiusKm", "needs lat and lon"));
        }
        if (latitude == null || longitude == null) {
            return null;
        }
        return new Area(latitude, longitude, radius == null ? DEFAULT_RADIUS_KM : radius);
    }

    private Sort sort(boolean hasText, boolean hasArea) {
        String sort = one("sort");
        if (sort == null) {
            return hasText ? Sort.RELEVANCE : Sort.START;
        }
        Sort chosen = switch (sort) {
            case "relevance" -> Sort.RELEVANCE;
            case "start" -> Sort.START;
            case "price" -> Sort.PRICE;
            case "-price" -> Sort.PRICE_DESC;
            case "distance" -> Sort.DISTANCE;
            default -> null;
        };
        if (chosen == null) {
            errors.add(new FieldError("sort", "must be relevance, start, price, -price or distance"));
        } else if (chosen == Sort.DISTANCE && !hasArea) {
            errors.add(new FieldError("sort", "distance needs lat and lon"));
        }
        return chosen;
    }

    private String one(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String matching(String name, Pattern pattern, String why) {
        String value = one(name);
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(name, why));
            return null;
        }
        return value;
    }

    private <T> Set<T> many(String name, Function<String, T> parse, String why) {
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : query.getOrDefault(name, List.of())) {
            T one = parse.apply(value);
            if (one == null) {
                errors.add(new FieldError(name, why));
                return Set.of();
            }
            parsed.add(one);
        }
        return parsed;
    }

    private Long whole(String name, long max, String unit) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        if (!WHOLE.matcher(value).matches() || Long.parseLong(value) > max) {
            errors.add(new FieldError(name, "must be a whole number from 0 to " + max + (unit.isEmpty() ? ""
                    : " " + unit)));
            return null;
        }
        return Long.valueOf(value);
    }

    private Double decimal(String name, double min, double max) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        String range = "must be a decimal number from " + (long) min + " to " + (long) max;
        try {
            double number = Decimals.parse(value).doubleValue();
            if (number >= min && number <= max) {
                return number;
            }
            errors.add(new FieldError(name, range));
        } catch (InvalidDecimalException e) {
            errors.add(new FieldError(name, e.reason(range)));
        }
        return null;
    }

    private LocalDate date(String name) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date, like 2026-09-01"));
            return null;
        }
    }

    private void ordered(String minName, Long min, String maxName, Long max) {
        if (min != null && max != null && max < min) {
            errors.add(new FieldError(maxName, "must not be less than " + minName));
        }
    }

    private static Modality modality(String value) {
        try {
            return Modality.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }
}
