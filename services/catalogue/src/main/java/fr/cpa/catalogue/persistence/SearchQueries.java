package fr.cpa.catalogue.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.catalogue.domain.EligibilityScope;
import fr.cpa.catalogue.domain.Modality;
import fr.cpa.catalogue.domain.Offers.CertificationRef;
import fr.cpa.catalogue.domain.Offers.OrganisationRef;
import fr.cpa.catalogue.domain.Offers.Session;
import fr.cpa.catalogue.domain.SearchCriteria;
import fr.cpa.catalogue.domain.SearchResult;
import fr.cpa.catalogue.domain.SearchResult.Hit;
import fr.cpa.catalogue.domain.SearchResult.NextSession;
import fr.cpa.catalogue.domain.SearchResult.Place;
import fr.cpa.catalogue.domain.SearchResult.PriceBand;

/**
 * The search's SQL over {@code searchable_action} (V2): one statement for the page, one for the total and every facet
 * in a single pass (GROUPING SETS), both with the same filters, each of which has its index.
 */
@ApplicationScoped
public class SearchQueries {

    private static final String TEXT_QUERY = "websearch_to_tsquery('french_unaccent', ?::text)";
    /** The straight-line (chord) distance in metres from a row's place to a given point, computed in C. */
    private static final String CHORD = "cube_distance(a.place, ll_to_earth(?, ?))";
    private static final double METRES_PER_KM = 1000.0;
    /** earthdistance's earth(): the radius its points are on, in metres. */
    private static final double EARTH_RADIUS_METRES = 6_378_168;
    private static final double KM_PER_DEGREE_OF_LATITUDE = 111.2;
    private static final List<String> FACETS = List.of("modality", "region", "level", "priceBand", "kind");

    private final DataSource dataSource;

    SearchQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Each word as it will be searched: a word no offer contains, of four letters or more, becomes the closest word
     * of an offer's or a certification's title (trigram similarity), if any is close enough.
     */
    public List<String> corrected(List<String> words) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT CASE
                            WHEN length(w) < 4 OR numnode(plainto_tsquery('french_unaccent', w)) = 0
                                OR EXISTS (SELECT 1 FROM searchable_action
                                           WHERE search @@ plainto_tsquery('french_unaccent', w))
                            THEN w
                            ELSE coalesce((SELECT s.word FROM search_word s WHERE s.word % lower(unaccent(w))
                                           ORDER BY s.word <-> lower(unaccent(w)), s.word LIMIT 1), w)
                            END
                        FROM unnest(?::text[]) WITH ORDINALITY AS t(w, i) ORDER BY i""")) {
            select.setArray(1, connection.createArrayOf("text", words.toArray()));
            List<String> corrected = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    corrected.add(rs.getString(1));
                }
            }
            return corrected;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not correct the searched words", e);
        }
    }

    public SearchResult search(SearchCriteria criteria) {
        Sql where = where(criteria);
        try (Connection connection = dataSource.getConnection()) {
            List<Hit> items = page(connection, criteria, where);
            Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
            FACETS.forEach(facet -> facets.put(facet, new LinkedHashMap<>()));
            long total = facets(connection, where, facets);
            return new SearchResult(items, total, facets);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not search the catalogue", e);
        }
    }

    private static List<Hit> page(Connection connection, SearchCriteria criteria, Sql where) throws SQLException {
        Sql relevance = criteria.text() == null ? new Sql("0::real")
                : new Sql("ts_rank(a.search, " + TEXT_QUERY + ")", criteria.text());
        Sql distance = criteria.area() == null ? new Sql("NULL::float8")
                : new Sql(CHORD, criteria.area().latitude(), criteria.area().longitude());
        // Most actions have all their sessions ahead: then the first is the next, without reading the sessions' days.
        Sql nextStart = new Sql("CASE WHEN a.first_start >= ?::date THEN a.first_start "
                + "ELSE lower(a.session_starts * datemultirange(daterange(?::date, ?::date, '[]'))) END",
                criteria.startFrom(), criteria.startFrom(), criteria.startTo());
        String order = switch (criteria.sort()) {
            case RELEVANCE -> "relevance DESC, next_start, action_id";
            case START -> "next_start, action_id";
            case PRICE -> "price_cents, next_start, action_id";
            case PRICE_DESC -> "price_cents DESC, next_start, action_id";
            case DISTANCE -> "chord_m, next_start, action_id";
        };
        Sql sql = new Sql("WITH hit AS (SELECT a.action_id, a.offer_id, a.price_cents, a.kind, ")
                .append(relevance).append(" AS relevance, ").append(distance).append(" AS chord_m, ")
                .append(nextStart).append(" AS next_start FROM searchable_action a WHERE ").append(where)
                .append("), page AS (SELECT hit.*, row_number() OVER (ORDER BY " + order + ") AS ordinal FROM hit "
                        + "ORDER BY " + order + " LIMIT ? OFFSET ?)", criteria.size(),
                        (long) criteria.page() * criteria.size())
                .append("""
                         SELECT p.action_id, p.offer_id, o.title, g.siret, g.name, c.code, c.title, c.level,
                            p.kind, x.modality, x.city, x.postcode, x.region_code,
                            x.latitude, x.longitude, x.price_cents, x.duration_hours, s.id, s.starts_on, s.ends_on,
                            s.seats, s.in_working_time, p.chord_m, p.relevance, coalesce(b.booked, 0)
                        FROM page p
                        JOIN offer_action x ON x.id = p.action_id
                        JOIN offer o ON o.id = p.offer_id
                        JOIN organisation g ON g.siret = o.organisation_siret
                        JOIN certification c ON c.code = o.certification_code
                        LEFT JOIN LATERAL (SELECT s.id, s.starts_on, s.ends_on, s.seats, s.in_working_time
                                           FROM offer_session s WHERE s.action_id = p.action_id
                                               AND s.starts_on = p.next_start
                                           ORDER BY s.ends_on, s.id LIMIT 1) s ON TRUE
                        LEFT JOIN session_seats b ON b.session_id = s.id
                        ORDER BY p.ordinal""");
        List<Hit> hits = new ArrayList<>();
        try (PreparedStatement select = sql.prepare(connection); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Integer level = rs.getObject(8, Integer.class);
                UUID sessionId = rs.getObject(18, UUID.class);
                NextSession next = sessionId == null ? null
                        : new NextSession(sessionId, rs.getDate(19).toLocalDate(), rs.getDate(20).toLocalDate(),
                                rs.getInt(21), rs.getBoolean(22), rs.getInt(25),
                                Session.seatsLeft(rs.getInt(21), rs.getInt(25)));
                Double chord = rs.getObject(23, Double.class);
                hits.add(new Hit(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class), rs.getString(3),
                        new OrganisationRef(rs.getString(4), rs.getString(5)),
                        new CertificationRef(rs.getString(6), rs.getString(7), level), rs.getString(9),
                        Modality.valueOf(rs.getString(10)),
                        new Place(rs.getString(11), rs.getString(12), rs.getString(13),
                                rs.getObject(14, Double.class), rs.getObject(15, Double.class)),
                        rs.getLong(16), rs.getInt(17), next,
                        chord == null ? null : Math.round(arc(chord) / 100.0) / 10.0,
                        rs.getDouble(24)));
            }
        }
        return hits;
    }

    /** Fills the facets and answers the total, in one scan of the hits. */
    private static long facets(Connection connection, Sql where, Map<String, Map<String, Long>> facets)
            throws SQLException {
        String band = priceBand();
        Sql sql = new Sql("SELECT GROUPING(a.modality), GROUPING(a.region_code), GROUPING(a.level), GROUPING(" + band
                + "), GROUPING(a.kind), a.modality, a.region_code, a.level, " + band + ", a.kind, count(*) "
                + "FROM searchable_action a WHERE ").append(where)
                .append(" GROUP BY GROUPING SETS ((a.modality), (a.region_code), (a.level), (" + band
                        + "), (a.kind), ())");
        long total = 0;
        try (PreparedStatement select = sql.prepare(connection); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                long count = rs.getLong(11);
                int facet = -1;
                for (int i = 0; i < FACETS.size(); i++) {
                    if (rs.getInt(i + 1) == 0) {
                        facet = i;
                    }
                }
                if (facet < 0) {
                    total = count;
                } else {
                    String value = rs.getString(facet + 6);
                    facets.get(FACETS.get(facet)).put(value == null ? "NONE" : value.strip(), count);
                }
            }
        }
        return total;
    }

    /** The distance along the earth's surface for a chord, both in metres. */
    private static double arc(double chord) {
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, chord / (2 * EARTH_RADIUS_METRES)));
    }

    /** The chord for a distance along the earth's surface, both in metres. */
    private static double chord(double arc) {
        return 2 * EARTH_RADIUS_METRES * Math.sin(arc / (2 * EARTH_RADIUS_METRES));
    }

    private static String priceBand() {
        StringBuilder band = new StringBuilder("CASE");
        for (PriceBand priceBand : PriceBand.values()) {
            band.append(" WHEN a.price_cents < ").append(priceBand.toCents).append(" THEN '")
                    .append(priceBand.name()).append('\'');
        }
        return band.append(" END").toString();
    }

    private static Sql where(SearchCriteria c) {
        // "A session starts on or after the day" is "the last one does"; an end date needs the sessions' days.
        Sql where = new Sql("a.last_start >= ?::date", c.startFrom());
        if (c.startTo() != null) {
            where.and("a.first_start <= ?::date AND a.session_starts && daterange(?::date, ?::date, '[]')", c.startTo(),
                    c.startFrom(), c.startTo());
        }
        if (c.text() != null) {
            where.and("a.search @@ " + TEXT_QUERY, c.text());
        }
        if (c.organisationSiret() != null) {
            where.and("a.organisation_siret = ?", c.organisationSiret());
        }
        if (c.certificationCode() != null) {
            where.and("a.certification_code = ?", c.certificationCode());
        }
        if (c.romeCode() != null) {
            where.and("a.rome_codes @> ARRAY[?::text]", c.romeCode());
        }
        if (c.formacode() != null) {
            where.and("a.formacodes @> ARRAY[?::text]", c.formacode());
        }
        if (!c.regions().isEmpty()) {
            // Cast to the column's type, or PostgreSQL casts the column and cannot use its index.
            where.and("a.region_code = ANY (?::char(2)[])", new TextArray(c.regions()));
        }
        if (!c.modalities().isEmpty()) {
            where.and("a.modality = ANY (?)", new TextArray(c.modalities().stream().map(Enum::name).toList()));
        }
        if (!c.levels().isEmpty()) {
            where.and("a.level = ANY (?::smallint[])", new TextArray(c.levels().stream().map(String::valueOf)
                    .toList()));
        }
        if (!c.kinds().isEmpty()) {
            where.and("a.kind = ANY (?)", new TextArray(c.kinds()));
        }
        if (c.minPriceCents() != null) {
            where.and("a.price_cents >= ?", c.minPriceCents());
        }
        if (c.maxPriceCents() != null) {
            where.and("a.price_cents <= ?", c.maxPriceCents());
        }
        if (c.minHours() != null) {
            where.and("a.duration_hours >= ?", c.minHours());
        }
        if (c.maxHours() != null) {
            where.and("a.duration_hours <= ?", c.maxHours());
        }
        if (c.area() != null) {
            // A box of latitudes and longitudes first, by index (the planner can count its rows); the exact
            // distance then trims its corners.
            double latitude = c.area().latitude();
            double longitude = c.area().longitude();
            double latitudeSpan = c.area().radiusKm() / KM_PER_DEGREE_OF_LATITUDE;
            double longitudeSpan = Math.min(180, latitudeSpan / Math.max(0.01,
                    Math.cos(Math.toRadians(Math.min(89, Math.abs(latitude) + latitudeSpan)))));
            where.and("a.latitude BETWEEN ? AND ? AND a.longitude BETWEEN ? AND ? AND " + CHORD + " <= ?",
                    latitude - latitudeSpan, latitude + latitudeSpan, longitude - longitudeSpan,
                    longitude + longitudeSpan, latitude, longitude, chord(c.area().radiusKm() * METRES_PER_KM));
        }
        if (c.eligibleFor() != null) {
            where.and(eligible(c.eligibleFor()));
        }
        return where;
    }

    /**
     * What one offer is, for a holder's eligibility to it: the verdict is the search's own condition
     * ({@link #eligible}) over the offer's published actions, so the offer page and {@code eligibleFor=me} never
     * disagree; the facts say why.
     */
    public record EligibilityFacts(String status, String kind, String specialKind, boolean registered,
            LocalDate qualiopiGranted, boolean onHolderLists, boolean eligible) {
    }

    /** Empty for an unknown offer. */
    public Optional<EligibilityFacts> eligibilityOf(UUID offerId, EligibilityScope scope) {
        Sql select = new Sql("""
                SELECT o.status, coalesce(c.special_kind, c.registry), c.special_kind, c.active, g.qualiopi_granted,
                       coalesce(x.on_lists, false), coalesce(x.eligible, false)
                FROM offer o JOIN certification c ON c.code = o.certification_code
                JOIN organisation g ON g.siret = o.organisation_siret
                LEFT JOIN LATERAL (SELECT bool_or(""").append(onLists(scope)).append(") AS on_lists, bool_or(")
                .append(eligible(scope)).append(") AS eligible FROM searchable_action a WHERE a.offer_id = o.id) x ON true")
                .append(" WHERE o.id = ?", offerId);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = select.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Date qualiopi = row.getDate(5);
            return Optional.of(new EligibilityFacts(row.getString(1), row.getString(2), row.getString(3),
                    row.getBoolean(4), qualiopi == null ? null : qualiopi.toLocalDate(), row.getBoolean(6),
                    row.getBoolean(7)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an offer's eligibility", e);
        }
    }

    /** The scope's rules as a condition on a hit ({@link fr.cpa.catalogue.domain.Eligibility} says which apply). */
    private static Sql eligible(EligibilityScope scope) {
        LocalDate on = scope.on();
        Sql certifying = new Sql("FALSE");
        if (scope.byRegister()) {
            certifying.or("a.registered");
        }
        if (scope.byLists()) {
            certifying.or(onLists(scope));
        }
        Sql eligible = new Sql("((a.special_kind IS NULL AND (").append(certifying).append("))")
                .append(" OR (a.special_kind IS NOT NULL AND a.special_kind <> 'CEC_VOLUNTEER')");
        if (scope.cecRights() == EligibilityScope.CecRights.YES) {
            eligible.append(" OR a.special_kind = 'CEC_VOLUNTEER'");
        }
        eligible.append(")");
        if (scope.qualityCertificationRequired()) {
            eligible.and("a.qualiopi_granted <= ?::date", scope.on());
        }
        return eligible;
    }

    /** The hit's certification is on one of the holder's lists on the scope's date (the 2015–2018 rule). */
    private static Sql onLists(EligibilityScope scope) {
        return new Sql("""
                a.certification_code IN (SELECT e.certification_code FROM certification_eligibility e
                    WHERE ?::date BETWEEN e.valid_from AND coalesce(e.valid_until, 'infinity')
                    AND (e.list = 'NATIONAL'
                         OR (e.list = 'BRANCH' AND e.idcc = ANY (?))
                         OR (e.list = 'REGIONAL' AND e.region_code = ? AND e.audience IN ('ALL', 'EMPLOYEES'))
                         OR (e.list = 'REGIONAL' AND e.region_code = ?
                             AND e.audience IN ('ALL', 'JOB_SEEKERS'))))""", scope.on(),
                new TextArray(scope.branchIdccs()), scope.employeeRegion(), scope.jobSeekerRegion());
    }

    /** A text array parameter. */
    private record TextArray(Collection<String> values) {
    }

    /** A piece of SQL and its parameters, in order. */
    private static final class Sql {

        private final StringBuilder text;
        private final List<Object> parameters = new ArrayList<>();

        Sql(String text, Object... parameters) {
            this.text = new StringBuilder(text);
            this.parameters.addAll(List.of(nullsAllowed(parameters)));
        }

        Sql append(String more, Object... moreParameters) {
            text.append(more);
            parameters.addAll(List.of(nullsAllowed(moreParameters)));
            return this;
        }

        Sql append(Sql more) {
            text.append(more.text);
            parameters.addAll(more.parameters);
            return this;
        }

        void and(String condition, Object... moreParameters) {
            and(new Sql(condition, moreParameters));
        }

        void and(Sql condition) {
            text.insert(0, '(').append(") AND (");
            append(condition).append(")");
        }

        void or(String condition, Object... moreParameters) {
            or(new Sql(condition, moreParameters));
        }

        void or(Sql condition) {
            text.append(" OR (");
            append(condition).append(")");
        }

        PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(text.toString());
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    Object parameter = parameters.get(i) == NULL ? null : parameters.get(i);
                    if (parameter instanceof TextArray array) {
                        statement.setArray(i + 1, connection.createArrayOf("text", array.values().toArray()));
                    } else if (parameter instanceof LocalDate date) {
                        statement.setDate(i + 1, Date.valueOf(date));
                    } else {
                        statement.setObject(i + 1, parameter);
                    }
                }
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }

        // List.of refuses nulls; an absent date or region is a SQL NULL.
        private static final Object NULL = new Object();

        private static Object[] nullsAllowed(Object[] values) {
            Object[] copy = values.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == null) {
                    copy[i] = NULL;
                }
            }
            return copy;
        }
    }
}
