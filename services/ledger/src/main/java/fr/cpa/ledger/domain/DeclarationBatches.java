package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import fr.cpa.ledger.domain.DeclaredPersons.DeclaredPerson;
import fr.cpa.ledger.domain.Declarations.BatchLine;
import fr.cpa.ledger.domain.Declarations.BatchOutcome;
import fr.cpa.ledger.domain.Declarations.Employer;
import fr.cpa.ledger.domain.Declarations.Exposure;
import fr.cpa.ledger.domain.Declarations.KeyedDeclaration;
import fr.cpa.ledger.domain.Declarations.NewDeclaration;
import fr.cpa.ledger.domain.Declarations.PublicPost;
import fr.cpa.ledger.domain.rules.CppFactor;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;

/**
 * Batches of declarations an employer sends as one file (ADR 11). Receiving reads the file once as it arrives: each
 * line checked by the caller, its person keyed (no NIR is kept) and set aside in chunks of {@link #CHUNK} lines, or
 * noted as refused with its reasons. No connection is held while the body streams (the client sets its pace): each
 * chunk takes one only to be written, and the batch stays {@code RECEIVING}, unseen by the worker and the employer,
 * until the file has been read whole; a file refused as a whole is deleted with what it had set aside. A worker
 * thread then records the chunks in file order, each in a transaction that also notes its duplicate lines, moves the
 * counters and deletes the chunk, so a batch stopped by a restart resumes with its next chunk and no line is recorded
 * twice.
 */
@ApplicationScoped
public class DeclarationBatches {

    /** Lines per chunk: per transaction when recording, and per statement. */
    public static final int CHUNK = 1_000;

    private static final Logger LOG = Logger.getLogger(DeclarationBatches.class);

    public enum Status {
        /** Its file is still being read: never answered (the employer learns its id once it is read whole). */
        RECEIVING,
        /** Read whole and waiting for the worker. */
        RECEIVED,
        PROCESSING,
        /** Every line recorded or refused. */
        DONE
    }

    /** A refused line: its number in the file (the header is line 1) and why, field by field, never the value. */
    public record Rejection(int line, List<FieldError> errors) {
    }

    /**
     * Where a batch stands: {@code lines} counts the declaration lines of the file (not the header nor blank lines);
     * once done, {@code accepted + rejected = lines}. Never a NIR.
     */
    public record BatchView(UUID id, Status status, int lines, int accepted, int rejected, Instant receivedAt,
            Instant finishedAt, Page<Rejection> rejections) {
    }

    /** Where the caller puts each line of the file, in the file's order. */
    public interface Spool {
        void accept(int line, NewDeclaration declaration);

        void reject(int line, List<FieldError> errors);
    }

    /** Reads the whole file into the spool and answers its SHA-256; refuses a bad file by throwing. */
    @FunctionalInterface
    public interface FileReader {
        byte[] readInto(Spool spool);
    }

    public sealed interface Receipt permits Received, KeyAlreadyUsed {
    }

    public record Received(UUID id) implements Receipt {
    }

    /**
     * The employer sent a file with this idempotency key before: that batch, where it stands, and its file's SHA-256
     * (null while it is still {@code RECEIVING}).
     */
    public record KeyAlreadyUsed(UUID id, Status status, byte[] sha256) implements Receipt {
    }

    private final DataSource dataSource;
    private final Declarations declarations;
    private final ObjectMapper json;
    private final Duration uploadTimeout;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "declaration-batches"));
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    DeclarationBatches(DataSource dataSource, Declarations declarations, ObjectMapper json,
            @ConfigProperty(name = "cpa.ledger.batches.upload-timeout") Duration uploadTimeout) {
        this.dataSource = dataSource;
        this.declarations = declarations;
        this.json = json;
        this.uploadTimeout = uploadTimeout;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Receives a file for the employer, then hands it to the worker. With an idempotency key the employer used
     * before, nothing is read: the earlier batch is answered, for the caller to compare the files. The reader runs
     * with no connection held; a file it refuses (it throws) leaves nothing behind.
     */
    public Receipt receive(Employer employer, String idempotencyKey, FileReader reader) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            if (!insert(connection, id, employer, idempotencyKey)) {
                return keyAlreadyUsed(connection, employer.siret(), idempotencyKey);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not receive a batch", e);
        }
        FileSpool spool = new FileSpool(id);
        byte[] sha256;
        try {
            sha256 = reader.readInto(spool);
            spool.flush();
        } catch (RuntimeException e) {
            abandon(id);
            throw e;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE declaration_batch SET file_sha256 = ?, lines = ?, rejected = ?, status = 'RECEIVED'
                        WHERE id = ?""")) {
            update.setBytes(1, sha256);
            update.setInt(2, spool.lines);
            update.setInt(3, spool.rejected);
            update.setObject(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            abandon(id);
            throw new IllegalStateException("Could not receive a batch", e);
        }
        submit(id);
        return new Received(id);
    }

    /** Deletes a batch whose file was refused or cut short, with its chunks and refused lines. */
    private void abandon(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM declaration_batch WHERE id = ? AND status = 'RECEIVING'")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            // The sweep removes it later; the caller's own failure is the one to report.
            LOG.warnf(e, "Could not delete the refused batch %s; the sweep will", id);
        }
    }

    private static boolean insert(Connection connection, UUID id, Employer employer, String idempotencyKey)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO declaration_batch (id, siret, idempotency_key, status, employer_sector)
                VALUES (?, ?, ?, 'RECEIVING', ?)
                ON CONFLICT (siret, idempotency_key) DO NOTHING""")) {
            insert.setObject(1, id);
            insert.setString(2, employer.siret());
            insert.setString(3, idempotencyKey);
            insert.setString(4, employer.sector());
            return insert.executeUpdate() == 1;
        }
    }

    private static KeyAlreadyUsed keyAlreadyUsed(Connection connection, String siret, String idempotencyKey)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, status, file_sha256 FROM declaration_batch WHERE siret = ? AND idempotency_key = ?""")) {
            select.setString(1, siret);
            select.setString(2, idempotencyKey);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new KeyAlreadyUsed(row.getObject(1, UUID.class), Status.valueOf(row.getString(2)),
                        row.getBytes(3));
            }
        }
    }

    /** The lines read so far: set aside by chunk, refusals noted by chunk, each write with a connection of its own. */
    private final class FileSpool implements Spool {
        private final UUID batchId;
        private final List<BatchLine> chunk = new ArrayList<>(CHUNK);
        private final List<Rejection> rejections = new ArrayList<>();
        private int lines;
        private int rejected;

        FileSpool(UUID batchId) {
            this.batchId = batchId;
        }

        @Override
        public void accept(int line, NewDeclaration declaration) {
            lines++;
            chunk.add(new BatchLine(line, declarations.keyed(declaration)));
            if (chunk.size() == CHUNK) {
                writeChunk();
            }
        }

        @Override
        public void reject(int line, List<FieldError> errors) {
            lines++;
            rejected++;
            rejections.add(new Rejection(line, errors));
            if (rejections.size() == CHUNK) {
                writeRejections();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                writeChunk();
            }
            if (!rejections.isEmpty()) {
                writeRejections();
            }
        }

        private void writeChunk() {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO declaration_batch_chunk (batch_id, first_line, lines) VALUES (?, ?, ?)")) {
                insert.setObject(1, batchId);
                insert.setInt(2, chunk.get(0).line());
                insert.setString(3, encode(chunk));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not set a chunk of a batch aside", e);
            }
            chunk.clear();
        }

        private void writeRejections() {
            try (Connection connection = dataSource.getConnection()) {
                DeclarationBatches.this.writeRejections(connection, batchId, rejections);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not note refused lines of a batch", e);
            }
            rejections.clear();
        }
    }

    private void writeRejections(Connection connection, UUID batchId, List<Rejection> rejections) {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO declaration_batch_rejection (batch_id, line, errors)
                SELECT ?, r.line, r.errors::jsonb FROM unnest(?::int[], ?::text[]) AS r(line, errors)""")) {
            insert.setObject(1, batchId);
            insert.setArray(2, connection.createArrayOf("int4", rejections.stream().map(Rejection::line).toArray()));
            List<String> errors = new ArrayList<>();
            for (Rejection rejection : rejections) {
                errors.add(json.writeValueAsString(rejection.errors()));
            }
            insert.setArray(3, connection.createArrayOf("text", errors.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not note refused lines of a batch", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Queues the batch on the worker unless it is queued already. */
    void submit(UUID id) {
        if (!queued.add(id)) {
            return;
        }
        worker.submit(() -> {
            try {
                while (Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(() -> recordNextChunk(id)))) {
                    // one chunk per transaction
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Batch %s stopped; the next sweep resumes it", id);
            } finally {
                queued.remove(id);
            }
        });
    }

    /**
     * Resumes the batches a restart (of this instance or another) left unfinished, and deletes those it left half
     * received: an upload is cut at the upload timeout, so one still receiving after twice that died with its
     * instance (and its Idempotency-Key is free again).
     */
    @Scheduled(identity = "declaration-batches-resume", every = "${cpa.ledger.batches.resume-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeUnfinished() {
        List<UUID> unfinished = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement abandoned = connection.prepareStatement("""
                        DELETE FROM declaration_batch
                        WHERE status = 'RECEIVING' AND received_at < now() - make_interval(secs => ?)""");
                PreparedStatement select = connection.prepareStatement("""
                        SELECT id FROM declaration_batch WHERE status IN ('RECEIVED', 'PROCESSING')
                        ORDER BY received_at""")) {
            abandoned.setLong(1, uploadTimeout.multipliedBy(2).toSeconds());
            int deleted = abandoned.executeUpdate();
            if (deleted > 0) {
                LOG.infof("Deleted %d batches left half received by a stopped instance", deleted);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    unfinished.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list unfinished batches", e);
        }
        unfinished.forEach(this::submit);
    }

    /**
     * Records the batch's first chunk left, under the batch's row lock (an instance finding it taken leaves the batch
     * to the one holding it); false when there is nothing left to do here.
     */
    private boolean recordNextChunk(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            Employer employer;
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT siret, employer_sector FROM declaration_batch
                    WHERE id = ? AND status IN ('RECEIVED', 'PROCESSING') FOR UPDATE SKIP LOCKED""")) {
                lock.setObject(1, id);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    employer = new Employer(row.getString(1), "PUBLIC".equals(row.getString(2)));
                }
            }
            int firstLine;
            List<BatchLine> lines;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT first_line, lines FROM declaration_batch_chunk WHERE batch_id = ?
                    ORDER BY first_line LIMIT 1""")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        finish(connection, id);
                        return false;
                    }
                    firstLine = row.getInt(1);
                    lines = decode(row.getString(2));
                }
            }
            BatchOutcome outcome = declarations.saveBatchLines(employer, id, lines);
            List<Rejection> duplicates = outcome.duplicates().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(d -> new Rejection(d.getKey(), List.of(new FieldError(null, "declares the same employee and "
                            + "year as line " + d.getValue() + ": one line per employee and year (add up the hours "
                            + "of several contracts)"))))
                    .toList();
            if (!duplicates.isEmpty()) {
                writeRejections(connection, id, duplicates);
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE declaration_batch SET status = 'PROCESSING', accepted = accepted + ?,
                        rejected = rejected + ? WHERE id = ?""");
                    PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM declaration_batch_chunk WHERE batch_id = ? AND first_line = ?")) {
                update.setInt(1, outcome.recorded());
                update.setInt(2, duplicates.size());
                update.setObject(3, id);
                update.executeUpdate();
                delete.setObject(1, id);
                delete.setInt(2, firstLine);
                delete.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a chunk of a batch", e);
        }
    }

    private static void finish(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE declaration_batch SET status = 'DONE', finished_at = now() WHERE id = ?
                RETURNING lines, accepted, rejected""")) {
            update.setObject(1, id);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                LOG.infof("Batch %s done: %d lines, %d accepted, %d rejected", id, row.getInt(1), row.getInt(2),
                        row.getInt(3));
            }
        }
    }

    /** The employer's batch with one page of its refused lines; another employer's is not found. */
    public Optional<BatchView> find(String siret, UUID id, PageRequest paging) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement batch = connection.prepareStatement("""
                        SELECT status, lines, accepted, rejected, received_at, finished_at FROM declaration_batch
                        WHERE id = ? AND siret = ? AND status <> 'RECEIVING'""");
                PreparedStatement refused = connection.prepareStatement("""
                        SELECT line, errors FROM declaration_batch_rejection WHERE batch_id = ?
                        ORDER BY line LIMIT ? OFFSET ?""")) {
            batch.setObject(1, id);
            batch.setString(2, siret);
            try (ResultSet row = batch.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                refused.setObject(1, id);
                refused.setInt(2, paging.size());
                refused.setLong(3, paging.offset());
                List<Rejection> rejections = new ArrayList<>();
                try (ResultSet rows = refused.executeQuery()) {
                    while (rows.next()) {
                        rejections.add(new Rejection(rows.getInt(1), json.readValue(rows.getString(2),
                                new TypeReference<List<FieldError>>() {
                                })));
                    }
                }
                Timestamp finished = row.getTimestamp(6);
                return Optional.of(new BatchView(id, Status.valueOf(row.getString(1)), row.getInt(2), row.getInt(3),
                        row.getInt(4), row.getTimestamp(5).toInstant(), finished == null ? null : finished.toInstant(),
                        Page.of(rejections, paging, row.getInt(4))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a batch", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable reasons of a refused line", e);
        }
    }

    // A chunk is kept as text, one line per declaration with tab-separated fields (about the size of the file's own
    // line), exposures as FACTOR:QUARTER joined by '|'.

    private static String encode(List<BatchLine> lines) {
        StringBuilder text = new StringBuilder(lines.size() * 100);
        for (BatchLine line : lines) {
            KeyedDeclaration d = line.declaration();
            text.append(line.line()).append('\t').append(d.person().personKey()).append('\t')
                    .append(d.person().approximateBirthDate()).append('\t').append(d.year()).append('\t')
                    .append(d.minutesWorked()).append('\t')
                    .append(d.referenceMinutes() == null ? "" : d.referenceMinutes()).append('\t')
                    .append(d.contractType()).append('\t').append(d.lowQualified()).append('\t')
                    .append(d.exposures().stream().map(e -> e.factor() + ":" + e.quarter())
                            .collect(Collectors.joining("|"))).append('\t')
                    .append(d.publicPost() == null ? "" : d.publicPost().category() == null ? "-"
                            : d.publicPost().category()).append('\t')
                    .append(d.publicPost() != null && d.publicPost().reducedDuration())
                    .append('\n');
        }
        return text.toString();
    }

    /** The public post of a chunk's line: none when its field is empty (or absent, in chunks written before it). */
    private static PublicPost publicPost(String[] f) {
        if (f.length < 11 || f[9].isEmpty()) {
            return null;
        }
        return new PublicPost(f[9].equals("-") ? null : f[9], Boolean.parseBoolean(f[10]));
    }

    private static List<BatchLine> decode(String text) {
        List<BatchLine> lines = new ArrayList<>(CHUNK);
        for (String row : text.split("\n")) {
            String[] f = row.split("\t", -1);
            List<Exposure> exposures = f[8].isEmpty() ? List.of() : Arrays.stream(f[8].split("\\|"))
                    .map(e -> e.split(":"))
                    .map(e -> new Exposure(CppFactor.valueOf(e[0]), Integer.parseInt(e[1])))
                    .toList();
            lines.add(new BatchLine(Integer.parseInt(f[0]), new KeyedDeclaration(
                    new DeclaredPerson(f[1], LocalDate.parse(f[2])), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                    f[5].isEmpty() ? null : Long.valueOf(f[5]), f[6], Boolean.parseBoolean(f[7]), exposures,
                    publicPost(f))));
        }
        return lines;
    }
}
