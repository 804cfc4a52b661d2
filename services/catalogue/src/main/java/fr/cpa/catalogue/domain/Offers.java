package fr.cpa.catalogue.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.catalogue.OfferPublished;
import fr.cpa.platform.events.catalogue.OfferWithdrawn;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Training offers in the LHEO shape: the training (formation) of an organisation, its actions (how, where, how long,
 * at what price) and their sessions (dates and seats). An organisation writes only its own offers: another one's are
 * unknown to it (404). Each change is announced on {@link Topics#CATALOGUE_OFFERS} through the outbox.
 */
@ApplicationScoped
public class Offers {

    /** What an organisation sends, and what is read back (ids and state added). */
    public record Offer(String title, String objectives, String content, String certificationCode, Contact contact,
            List<Action> actions) {
    }

    public record Contact(String name, String email, String phone) {
    }

    /** @param id absent for a new action; given to keep one when an offer is replaced */
    public record Action(UUID id, Integer durationHours, Long priceCents, Modality modality, Place place,
            List<Session> sessions) {
    }

    /** @param regionCode INSEE code of the region (2 characters) */
    public record Place(String name, String street, String postcode, String city, String regionCode, Double latitude,
            Double longitude) {
    }

    /**
     * A session.
     *
     * @param inWorkingTime can be followed during working time (then the employer must approve)
     * @param seatsBooked read back only (ignored when sent): the seats confirmed applications hold, as the enrolment
     *        service last announced them (0 before any announcement)
     * @param seatsLeft read back only: {@link #seatsLeft(int, int)}
     */
    public record Session(UUID id, LocalDate startsOn, LocalDate endsOn, Integer seats, Boolean inWorkingTime,
            Integer seatsBooked, Integer seatsLeft) {

        public Session(UUID id, LocalDate startsOn, LocalDate endsOn, Integer seats, Boolean inWorkingTime) {
            this(id, startsOn, endsOn, seats, inWorkingTime, null, null);
        }

        /**
         * The session's seats less those booked, never below 0: the organisation may have lowered its seats under
         * what is already booked.
         */
        public static int seatsLeft(int seats, int booked) {
            return Math.max(0, seats - booked);
        }
    }

    /** Where an imported offer comes from: its LHEO numero and the FORMACODE and ROME codes its file gave. */
    public record LheoOrigin(String numero, List<String> formacodes, List<String> romeCodes) {
    }

    public enum Status {
        PUBLISHED,
        WITHDRAWN
    }

    public record OrganisationRef(String siret, String name) {
    }

    public record CertificationRef(String code, String title, Integer level) {
    }

    public record OfferView(UUID id, Status status, int revision, OrganisationRef organisation,
            CertificationRef certification, String title, String objectives, String content, Contact contact,
            List<Action> actions, Instant createdAt, Instant updatedAt, Instant withdrawnAt) {
    }

    private static final String GIVEN_ID = "must not be given: a new offer's ids are the platform's";

    private final DataSource dataSource;
    private final Outbox outbox;
    private volatile Set<String> regionCodes;

    Offers(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** The offer's id, derived from the request's Idempotency-Key so that a retry cannot publish it twice. */
    public static UUID idFor(String siret, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("offer:" + siret + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The INSEE codes of the regions. */
    /** The regions' INSEE codes; the table changes only with a migration, so it is read once. */
    public Set<String> regionCodes() {
        Set<String> codes = regionCodes;
        if (codes == null) {
            codes = readRegionCodes();
            regionCodes = codes;
        }
        return codes;
    }

    private Set<String> readRegionCodes() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT code FROM region");
                ResultSet rs = select.executeQuery()) {
            Set<String> codes = new HashSet<>();
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
            return Set.copyOf(codes);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the regions", e);
        }
    }

    /** Publishes a new offer of the organisation, which must have described itself first (409 otherwise). */
    @Transactional
    public OfferView create(UUID id, String siret, Offer offer) {
        return create(id, siret, offer, null);
    }

    /** As {@link #create(UUID, String, Offer)}, for an offer of an LHEO file ({@code origin}; null otherwise). */
    @Transactional
    public OfferView create(UUID id, String siret, Offer offer, LheoOrigin origin) {
        refuseGivenIds(offer);
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, "SELECT 1 FROM organisation WHERE siret = ?", siret)) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "Describe the organisation (PUT /api/catalogue/organisations/{siret}) before its offers.");
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO offer (id, organisation_siret, certification_code, status, title, objectives, content,
                        contact_name, contact_email, contact_phone)
                    VALUES (?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
                insert.setObject(1, id);
                insert.setString(2, siret);
                insert.setString(3, offer.certificationCode());
                setContent(insert, 4, offer);
                if (insert.executeUpdate() == 0) {
                    // The same Idempotency-Key again, after a first answer was lost.
                    return find(id).orElseThrow();
                }
            }
            writeActions(connection, id, offer.actions(), Set.of(), Set.of());
            writeOrigin(connection, id, origin);
            refreshSearch(connection, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create an offer", e);
        }
        outbox.append(Topics.CATALOGUE_OFFERS, new OfferPublished(id, 1, siret, offer.certificationCode(),
                offer.title().strip()));
        return find(id).orElseThrow();
    }

    /**
     * Replaces a published offer of the organisation with its actions and sessions: those sent with their id are
     * kept (updated), the others created, the missing ones removed.
     */
    @Transactional
    public OfferView replace(String siret, UUID id, Offer offer) {
        return replace(siret, id, offer, null);
    }

    /** As {@link #replace(String, UUID, Offer)}, for an offer of an LHEO file ({@code origin}; null otherwise). */
    @Transactional
    public OfferView replace(String siret, UUID id, Offer offer, LheoOrigin origin) {
        int revision;
        try (Connection connection = dataSource.getConnection()) {
            Status status = lockOwned(connection, siret, id);
            if (status == Status.WITHDRAWN) {
                throw new ProblemException(ProblemType.CONFLICT, "A withdrawn offer cannot be changed.");
            }
            Set<UUID> actionIds = ids(connection, "SELECT id FROM offer_action WHERE offer_id = ?", id);
            Set<UUID> sessionIds = ids(connection, """
                    SELECT s.id FROM offer_session s JOIN offer_action a ON a.id = s.action_id
                    WHERE a.offer_id = ?""", id);
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < offer.actions().size(); i++) {
                Action action = offer.actions().get(i);
                if (action.id() != null && !actionIds.contains(action.id())) {
                    errors.add(new FieldError("actions[" + i + "].id", "is not an action of this offer"));
                }
                for (int j = 0; j < action.sessions().size(); j++) {
                    UUID sessionId = action.sessions().get(j).id();
                    if (sessionId != null && !sessionIds.contains(sessionId)) {
                        errors.add(new FieldError("actions[" + i + "].sessions[" + j + "].id",
                                "is not a session of this offer"));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.VALIDATION, "The offer is invalid.", errors);
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE offer SET title = ?, objectives = ?, content = ?, contact_name = ?, contact_email = ?,
                        contact_phone = ?, certification_code = ?, revision = revision + 1, updated_at = now()
                    WHERE id = ? RETURNING revision""")) {
                setContent(update, 1, offer);
                update.setString(7, offer.certificationCode());
                update.setObject(8, id);
                try (ResultSet rs = update.executeQuery()) {
                    rs.next();
                    revision = rs.getInt(1);
                }
            }
            Set<UUID> keptSessions = new HashSet<>();
            Set<UUID> keptActions = new HashSet<>();
            for (Action action : offer.actions()) {
                addIfPresent(keptActions, action.id());
                action.sessions().forEach(session -> addIfPresent(keptSessions, session.id()));
            }
            try (PreparedStatement deleteSessions = connection.prepareStatement("""
                    DELETE FROM offer_session s USING offer_action a
                    WHERE a.id = s.action_id AND a.offer_id = ? AND s.id <> ALL (?)""");
                    PreparedStatement deleteActions = connection.prepareStatement(
                            "DELETE FROM offer_action WHERE offer_id = ? AND id <> ALL (?)")) {
                deleteSessions.setObject(1, id);
                deleteSessions.setArray(2, connection.createArrayOf("uuid", keptSessions.toArray()));
                deleteSessions.executeUpdate();
                deleteActions.setObject(1, id);
                deleteActions.setArray(2, connection.createArrayOf("uuid", keptActions.toArray()));
                deleteActions.executeUpdate();
            }
            writeActions(connection, id, offer.actions(), actionIds, sessionIds);
            writeOrigin(connection, id, origin);
            refreshSearch(connection, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not replace an offer", e);
        }
        outbox.append(Topics.CATALOGUE_OFFERS, new OfferPublished(id, revision, siret, offer.certificationCode(),
                offer.title().strip()));
        return find(id).orElseThrow();
    }

    /** Withdraws an offer of the organisation; withdrawing it again changes nothing. */
    @Transactional
    public OfferView withdraw(String siret, UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            if (lockOwned(connection, siret, id) == Status.WITHDRAWN) {
                return find(id).orElseThrow();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE offer SET status = 'WITHDRAWN', withdrawn_at = now(), updated_at = now(),
                        revision = revision + 1
                    WHERE id = ? RETURNING revision, certification_code""")) {
                update.setObject(1, id);
                try (ResultSet rs = update.executeQuery()) {
                    rs.next();
                    outbox.append(Topics.CATALOGUE_OFFERS, new OfferWithdrawn(id, rs.getInt(1), siret,
                            rs.getString(2)));
                }
            }
            refreshSearch(connection, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not withdraw an offer", e);
        }
        return find(id).orElseThrow();
    }

    /** An offer, published or withdrawn, with its actions and sessions. */
    public Optional<OfferView> find(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            OfferView offer;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT o.status, o.revision, o.organisation_siret, g.name, c.code, c.title, c.level, o.title,
                        o.objectives, o.content, o.contact_name, o.contact_email, o.contact_phone, o.created_at,
                        o.updated_at, o.withdrawn_at
                    FROM offer o JOIN organisation g ON g.siret = o.organisation_siret
                        JOIN certification c ON c.code = o.certification_code
                    WHERE o.id = ?""")) {
                select.setObject(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    offer = new OfferView(id, Status.valueOf(rs.getString(1)), rs.getInt(2),
                            new OrganisationRef(rs.getString(3), rs.getString(4)),
                            new CertificationRef(rs.getString(5), rs.getString(6), rs.getObject(7, Integer.class)),
                            rs.getString(8), rs.getString(9), rs.getString(10),
                            new Contact(rs.getString(11), rs.getString(12), rs.getString(13)),
                            actions(connection, id), instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)),
                            instant(rs.getTimestamp(16)));
                }
            }
            return Optional.of(offer);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an offer", e);
        }
    }

    /** The offer's status, locked for the change; 404 when it is not the organisation's (or does not exist). */
    /** An imported offer's numero and codes, written before the search reads the offer. */
    private static void writeOrigin(Connection connection, UUID id, LheoOrigin origin) throws SQLException {
        if (origin == null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE offer SET lheo_numero = ? WHERE id = ?")) {
            update.setString(1, origin.numero());
            update.setObject(2, id);
            update.executeUpdate();
        }
        replaceCodes(connection, id, "offer_formacode", "formacode", origin.formacodes());
        replaceCodes(connection, id, "offer_rome", "rome_code", origin.romeCodes());
    }

    private static void replaceCodes(Connection connection, UUID offerId, String table, String column,
            List<String> codes) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE offer_id = ?")) {
            delete.setObject(1, offerId);
            delete.executeUpdate();
        }
        if (codes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (offer_id, " + column + ") VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (String code : codes) {
                insert.setObject(1, offerId);
                insert.setString(2, code);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The search sees the change in the same transaction: a published offer is findable once committed. */
    private static void refreshSearch(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement refresh = connection.prepareStatement("SELECT search_refresh_offer(?)")) {
            refresh.setObject(1, id);
            refresh.execute();
        }
    }

    private static Status lockOwned(Connection connection, String siret, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status FROM offer WHERE id = ? AND organisation_siret = ? FOR UPDATE")) {
            select.setObject(1, id);
            select.setString(2, siret);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "No such offer.");
                }
                return Status.valueOf(rs.getString(1));
            }
        }
    }

    private static void setContent(PreparedStatement statement, int first, Offer offer) throws SQLException {
        statement.setString(first, offer.title().strip());
        statement.setString(first + 1, offer.objectives().strip());
        statement.setString(first + 2, offer.content().strip());
        statement.setString(first + 3, blankToNull(offer.contact().name()));
        statement.setString(first + 4, offer.contact().email().strip());
        statement.setString(first + 5, blankToNull(offer.contact().phone()));
    }

    /**
     * A new offer's actions and sessions get the platform's ids: an id the caller names could be another
     * organisation's session (read from its public offer), which the upsert below would move and overwrite.
     */
    private static void refuseGivenIds(Offer offer) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < offer.actions().size(); i++) {
            Action action = offer.actions().get(i);
            if (action.id() != null) {
                errors.add(new FieldError("actions[" + i + "].id", GIVEN_ID));
            }
            for (int j = 0; j < action.sessions().size(); j++) {
                if (action.sessions().get(j).id() != null) {
                    errors.add(new FieldError("actions[" + i + "].sessions[" + j + "].id", GIVEN_ID));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The offer is invalid.", errors);
        }
    }

    /**
     * Inserts the actions and sessions, or updates those whose id is one of the offer's ({@code existingActions},
     * {@code existingSessions}); any other id is replaced by a new one, so the upserts never reach another offer.
     */
    private static void writeActions(Connection connection, UUID offerId, List<Action> actions,
            Set<UUID> existingActions, Set<UUID> existingSessions) throws SQLException {
        try (PreparedStatement action = connection.prepareStatement("""
                INSERT INTO offer_action (id, offer_id, position, duration_hours, price_cents, modality, place_name,
                    street, postcode, city, region_code, latitude, longitude)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET position = excluded.position,
                    duration_hours = excluded.duration_hours, price_cents = excluded.price_cents,
                    modality = excluded.modality, place_name = excluded.place_name, street = excluded.street,
                    postcode = excluded.postcode, city = excluded.city, region_code = excluded.region_code,
                    latitude = excluded.latitude, longitude = excluded.longitude""");
                PreparedStatement session = connection.prepareStatement("""
                        INSERT INTO offer_session (id, action_id, starts_on, ends_on, seats, in_working_time)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET action_id = excluded.action_id,
                            starts_on = excluded.starts_on, ends_on = excluded.ends_on, seats = excluded.seats,
                            in_working_time = excluded.in_working_time""")) {
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                UUID actionId = a.id() != null && existingActions.contains(a.id()) ? a.id() : UUID.randomUUID();
                Place place = a.place();
                action.setObject(1, actionId);
                action.setObject(2, offerId);
                action.setInt(3, i);
                action.setInt(4, a.durationHours());
                action.setLong(5, a.priceCents());
                action.setString(6, a.modality().name());
                action.setString(7, place == null ? null : blankToNull(place.name()));
                action.setString(8, place == null ? null : blankToNull(place.street()));
                action.setString(9, place == null ? null : place.postcode());
                action.setString(10, place == null ? null : blankToNull(place.city()));
                action.setString(11, place == null ? null : place.regionCode());
                setDouble(action, 12, place == null ? null : place.latitude());
                setDouble(action, 13, place == null ? null : place.longitude());
                action.addBatch();
                for (int j = 0; j < a.sessions().size(); j++) {
                    Session s = a.sessions().get(j);
                    session.setObject(1, s.id() != null && existingSessions.contains(s.id()) ? s.id()
                            : UUID.randomUUID());
                    session.setObject(2, actionId);
                    session.setObject(3, s.startsOn());
                    session.setObject(4, s.endsOn());
                    session.setInt(5, s.seats());
                    session.setBoolean(6, s.inWorkingTime());
                    session.addBatch();
                }
            }
            action.executeBatch();
            session.executeBatch();
        }
    }

    private static List<Action> actions(Connection connection, UUID offerId) throws SQLException {
        Map<UUID, List<Session>> sessions = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT s.action_id, s.id, s.starts_on, s.ends_on, s.seats, s.in_working_time, coalesce(b.booked, 0)
                FROM offer_session s JOIN offer_action a ON a.id = s.action_id
                LEFT JOIN session_seats b ON b.session_id = s.id
                WHERE a.offer_id = ? ORDER BY s.starts_on, s.id""")) {
            select.setObject(1, offerId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sessions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Session(rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getBoolean(6), rs.getInt(7),
                                    Session.seatsLeft(rs.getInt(5), rs.getInt(7))));
                }
            }
        }
        List<Action> actions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, duration_hours, price_cents, modality, place_name, street, postcode, city, region_code,
                    latitude, longitude
                FROM offer_action WHERE offer_id = ? ORDER BY position""")) {
            select.setObject(1, offerId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Place place = rs.getString(8) == null ? null
                            : new Place(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                    rs.getString(9), rs.getObject(10, Double.class), rs.getObject(11, Double.class));
                    actions.add(new Action(id, rs.getInt(2), rs.getLong(3), Modality.valueOf(rs.getString(4)), place,
                            sessions.getOrDefault(id, List.of())));
                }
            }
        }
        return actions;
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Set<UUID> ids(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static void addIfPresent(Set<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
