package fr.cpa.catalogue.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.catalogue.domain.Offers.Action;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.catalogue.domain.Offers.OfferView;
import fr.cpa.catalogue.domain.Offers.Session;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Imports of LHEO files (ADR 16): the report of each import, and the upsert of one formation, in a transaction of
 * its own, matched with the organisation's offer of the same LHEO numero. A report keeps the first
 * {@link #MAX_REJECTIONS} rejected formations (it counts them all), read page by page. Offers are written by {@link Offers}, so
 * an imported offer is published (and announced) exactly like one sent through the JSON API.
 */
@ApplicationScoped
public class OfferImports {

    public enum Status {
        RUNNING,
        DONE
    }

    public enum Outcome {
        CREATED,
        UPDATED
    }

    /** A formation not imported: its rank in the file (from 1), its numero, the line of its start tag, why. */
    public record Rejection(int position, String numero, int line, List<FieldError> errors) {
    }

    /** Rejected formations kept in a report: a file of a million bad formations must not make a report of them all. */
    public static final int MAX_REJECTIONS = 1_000;

    /**
     * What an import did: {@code rejected} counts every rejected formation, {@code rejections} pages through the
     * first {@link #MAX_REJECTIONS} of them, and {@code errorsTruncated} tells that there were more.
     */
    public record Report(UUID id, Status status, int read, int created, int updated, int rejected,
            boolean errorsTruncated, Page<Rejection> rejections, Instant receivedAt, Instant finishedAt) {
    }

    /** What claiming an import gave. */
    public sealed interface Start permits Started, KeyAlreadyUsed {
    }

    public record Started(UUID id) implements Start {
    }

    /** The organisation sent a file with this Idempotency-Key before: that import, and its file's SHA-256. */
    public record KeyAlreadyUsed(UUID id, Status status, byte[] sha256) implements Start {
    }

    private static final TypeReference<List<Rejection>> REJECTIONS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Offers offers;
    private final ObjectMapper json;

    OfferImports(DataSource dataSource, Offers offers, ObjectMapper json) {
        this.dataSource = dataSource;
        this.offers = offers;
        this.json = json;
    }

    /**
     * Records a running import; with a key already used by the organisation, that import instead. An import still
     * running after an hour died with its instance (a 100 MB file takes minutes): its key is taken over.
     */
    public Start start(String siret, String idempotencyKey) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO offer_import (id, organisation_siret, idempotency_key, status) VALUES (?, ?, ?, 'RUNNING')
                    ON CONFLICT (organisation_siret, idempotency_key) DO UPDATE SET id = excluded.id,
                        received_at = now()
                    WHERE offer_import.status = 'RUNNING' AND offer_import.received_at < now() - interval '1 hour'
                    """)) {
                insert.setObject(1, id);
                insert.setString(2, siret);
                insert.setString(3, idempotencyKey);
                if (insert.executeUpdate() == 1) {
                    return new Started(id);
                }
            }
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, status, file_sha256 FROM offer_import
                    WHERE organisation_siret = ? AND idempotency_key = ?""")) {
                select.setString(1, siret);
                select.setString(2, idempotencyKey);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        // Released between the two statements: the key is free again.
                        return start(siret, idempotencyKey);
                    }
                    return new KeyAlreadyUsed(rs.getObject(1, UUID.class), Status.valueOf(rs.getString(2)),
                            rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start an import", e);
        }
    }

    /**
     * Records the report of a file read to its end: {@code rejected} formations in all, of which the first ones (at
     * most {@link #MAX_REJECTIONS}) are {@code rejections}; answers its first page.
     */
    public Report finish(String siret, UUID id, byte[] sha256, int read, int created, int updated, int rejected,
            List<Rejection> rejections) {
        if (rejections.size() > MAX_REJECTIONS || rejections.size() > rejected) {
            throw new IllegalArgumentException("at most " + MAX_REJECTIONS + " rejections, and no more than rejected");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE offer_import SET status = 'DONE', file_sha256 = ?, read = ?, created = ?, updated = ?,
                            rejected = ?, rejections = ?::jsonb, finished_at = now()
                        WHERE id = ?""")) {
            update.setBytes(1, sha256);
            update.setInt(2, read);
            update.setInt(3, created);
            update.setInt(4, updated);
            update.setInt(5, rejected);
            update.setString(6, json.writeValueAsString(rejections));
            update.setObject(7, id);
            update.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not record an import's report", e);
        }
        return find(id, siret, new PageRequest(0, PageRequest.DEFAULT_SIZE)).orElseThrow();
    }

    /** Forgets an import whose file was refused as a whole, so that its Idempotency-Key may serve again. */
    public void abandon(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM offer_import WHERE id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not abandon an import", e);
        }
    }

    /** An import of the organisation with one page of its rejections; another organisation's is unknown to it. */
    public Optional<Report> find(String siret, UUID id, PageRequest paging) {
        return find(id, siret, paging);
    }

    private Optional<Report> find(UUID id, String siret, PageRequest paging) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT status, read, created, updated, rejected, jsonb_array_length(rejections),
                            (SELECT coalesce(jsonb_agg(r.rejection ORDER BY r.n), '[]')
                             FROM jsonb_array_elements(rejections) WITH ORDINALITY AS r(rejection, n)
                             WHERE r.n > ? AND r.n <= ?)::text,
                            received_at, finished_at
                        FROM offer_import WHERE id = ? AND organisation_siret = ?""")) {
            select.setLong(1, paging.offset());
            select.setLong(2, paging.offset() + paging.size());
            select.setObject(3, id);
            select.setString(4, siret);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int rejected = rs.getInt(5);
                int kept = rs.getInt(6);
                Page<Rejection> page = Page.of(json.readValue(rs.getString(7), REJECTIONS), paging, kept);
                return Optional.of(new Report(id, Status.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rejected, rejected > kept, page, instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9))));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read an import", e);
        }
    }

    /**
     * Creates the organisation's offer of this LHEO numero, or replaces it, with its FORMACODE and ROME codes, in a
     * transaction of its own. A replaced offer keeps the ids of its actions (matched by rank) and of its sessions
     * (matched by dates), so applications made to a session still point at it. A withdrawn offer is not changed.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Outcome upsert(String siret, String numero, Offer offer, List<String> formacodes, List<String> romes) {
        UUID existing;
        try (Connection connection = dataSource.getConnection()) {
            // Two imports of the same file at once: the second waits for the first's formation, then updates it.
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "lheo:" + siret + ":" + numero);
                lock.execute();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM offer WHERE organisation_siret = ? AND lheo_numero = ?")) {
                select.setString(1, siret);
                select.setString(2, numero);
                try (ResultSet rs = select.executeQuery()) {
                    existing = rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find an imported offer", e);
        }
        Offers.LheoOrigin origin = new Offers.LheoOrigin(numero, formacodes, romes);
        if (existing == null) {
            UUID id = UUID.nameUUIDFromBytes(("lheo:" + siret + ":" + numero).getBytes(StandardCharsets.UTF_8));
            offers.create(id, siret, offer, origin);
            return Outcome.CREATED;
        }
        OfferView current = offers.find(existing).orElseThrow();
        if (current.status() == Offers.Status.WITHDRAWN) {
            throw new ProblemException(ProblemType.CONFLICT, "The offer of this numero was withdrawn; an import "
                    + "does not publish it again.", List.of(new FieldError("numero", "is a withdrawn offer")));
        }
        offers.replace(siret, existing, keepingIds(current, offer), origin);
        return Outcome.UPDATED;
    }

    private static Offer keepingIds(OfferView current, Offer offer) {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < offer.actions().size(); i++) {
            Action action = offer.actions().get(i);
            if (i >= current.actions().size()) {
                actions.add(action);
                continue;
            }
            Action was = current.actions().get(i);
            List<Session> kept = new ArrayList<>(was.sessions());
            List<Session> sessions = new ArrayList<>();
            for (Session session : action.sessions()) {
                Session same = kept.stream().filter(s -> s.startsOn().equals(session.startsOn())
                        && s.endsOn().equals(session.endsOn())).findFirst().orElse(null);
                kept.remove(same);
                sessions.add(new Session(same == null ? null : same.id(), session.startsOn(), session.endsOn(),
                        session.seats(), session.inWorkingTime()));
            }
            actions.add(new Action(was.id(), action.durationHours(), action.priceCents(), action.modality(),
                    action.place(), sessions));
        }
        return new Offer(offer.title(), offer.objectives(), offer.content(), offer.certificationCode(),
                offer.contact(), actions);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
