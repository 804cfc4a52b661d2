package fr.cpa.catalogue.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import fr.cpa.platform.events.CopyRows;

/**
 * Loads the reference files shipped in {@code reference/} (the RNCP register and the ROME, docs/data-sources.md) at
 * start, when their checksum differs from the loaded one: rows are copied into temporary tables, then upserted, so
 * that certifications offers point to are updated, never deleted. Instances starting together load once.
 */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);

    static final String SET_NAME = "rncp-rome";
    static final List<String> FILES = List.of("reference/rome/rome_v347_domaines_metiers.csv",
            "reference/rncp/rncp_info.v1.4.csv", "reference/rncp/rncp_rome.v1.4.csv",
            "reference/rncp/rncp_blocs_competences.v1.4.csv");
    private static final long LOCK_KEY = 0x63617461_6c6f6775L;
    /** The register's dates: month/day/two-digit year of this century ("8/31/16"). */
    private static final DateTimeFormatter REGISTER_DATE = DateTimeFormatter.ofPattern("M/d/yy");

    private final DataSource dataSource;

    ReferenceData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    void onStart(@Observes StartupEvent start) {
        load();
    }

    /** Loads the files if they changed since the last load; true when it did. */
    @Transactional
    public boolean load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        FILES.forEach(file -> files.put(file, resource(file)));
        String checksum = checksum(files.values());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            if (checksum.equals(loadedChecksum(connection))) {
                return false;
            }
            long started = System.nanoTime();
            loadRome(connection, files.get(FILES.get(0)));
            int certifications = loadCertifications(connection, files.get(FILES.get(1)));
            int links = loadRomeLinks(connection, files.get(FILES.get(2)));
            int blocks = loadSkillBlocks(connection, files.get(FILES.get(3)));
            try (PreparedStatement done = connection.prepareStatement("""
                    INSERT INTO reference_data_load (name, checksum) VALUES (?, ?)
                    ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, loaded_at = now()""")) {
                done.setString(1, SET_NAME);
                done.setString(2, checksum);
                done.executeUpdate();
            }
            // Titles, levels and ROME links of certifications are copied into the search's rows.
            try (PreparedStatement rebuild = connection.prepareStatement("SELECT search_rebuild()")) {
                rebuild.execute();
            }
            LOG.infof("Reference data loaded in %d ms: %d certifications, %d ROME links, %d skill blocks",
                    (System.nanoTime() - started) / 1_000_000, certifications, links, blocks);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the reference data", e);
        }
    }

    private static String loadedChecksum(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT checksum FROM reference_data_load WHERE name = ?")) {
            select.setString(1, SET_NAME);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void loadRome(Connection connection, byte[] file) throws SQLException {
        CopyRows rows = new CopyRows(600);
        for (String[] r : Csv.read(new ByteArrayInputStream(file), ',')) {
            rows.text(r[0]).text(r[1]).text(r[2]).text(r[3]).text(r[4]).text(r[5]).endRow();
        }
        upsert(connection, rows, "rome_job", "code, title, domain_code, domain_title, field_code, field_title", """
                INSERT INTO rome_job SELECT * FROM staged
                ON CONFLICT (code) DO UPDATE SET title = excluded.title, domain_code = excluded.domain_code,
                    domain_title = excluded.domain_title, field_code = excluded.field_code,
                    field_title = excluded.field_title""");
    }

    /** The register has one row per (certification, replaced or replacing one): merged into one certification. */
    private static int loadCertifications(Connection connection, byte[] file) throws SQLException {
        Map<String, RegisterRow> certifications = new LinkedHashMap<>();
        for (String[] r : Csv.read(new ByteArrayInputStream(file), ';')) {
            RegisterRow row = certifications.computeIfAbsent(r[0], code -> new RegisterRow(code, clean(r[1]),
                    level(r[5]), blankToNull(r[6]), blankToNull(r[7]), "ACTIVE".equals(r[3]),
                    r[2].isBlank() ? null : LocalDate.parse(r[2], REGISTER_DATE), blankToNull(r[10]),
                    new LinkedHashSet<>(), new LinkedHashSet<>()));
            addIfPresent(row.previous(), r[8]);
            addIfPresent(row.next(), r[9]);
        }
        CopyRows rows = new CopyRows(certifications.size());
        for (RegisterRow c : certifications.values()) {
            rows.text(c.code()).text(c.title()).value(c.level()).text(c.kindCode()).text(c.kindTitle())
                    .value(c.active()).value(c.registrationEnds()).text(c.registrationType())
                    .text(array(c.previous())).text(array(c.next())).endRow();
        }
        upsert(connection, rows, "certification", """
                code, title, level, kind_code, kind_title, active, registration_ends, registration_type,
                previous_codes, next_codes""", """
                INSERT INTO certification (code, registry, title, level, kind_code, kind_title, active,
                    registration_ends, registration_type, previous_codes, next_codes, origin)
                SELECT code, 'RNCP', title, level, kind_code, kind_title, active, registration_ends, registration_type,
                    previous_codes, next_codes, 'REGISTER' FROM staged
                ON CONFLICT (code) DO UPDATE SET title = excluded.title, level = excluded.level,
                    kind_code = excluded.kind_code, kind_title = excluded.kind_title, active = excluded.active,
                    registration_ends = excluded.registration_ends, registration_type = excluded.registration_type,
                    previous_codes = excluded.previous_codes, next_codes = excluded.next_codes""");
        return certifications.size();
    }

    private static int loadRomeLinks(Connection connection, byte[] file) throws SQLException {
        CopyRows rows = new CopyRows(50_000);
        for (String[] r : Csv.read(new ByteArrayInputStream(file), ';')) {
            rows.text(r[0]).text(r[2].strip()).endRow();
        }
        replaceRegisterRows(connection, "certification_rome");
        upsert(connection, rows, "certification_rome", "certification_code, rome_code", """
                INSERT INTO certification_rome SELECT * FROM staged ON CONFLICT DO NOTHING""");
        return rows.rows();
    }

    /** One block code appears twice with two titles (RNCP34305BC04): the first is kept. */
    private static int loadSkillBlocks(Connection connection, byte[] file) throws SQLException {
        Map<String, String[]> blocks = new LinkedHashMap<>();
        for (String[] r : Csv.read(new ByteArrayInputStream(file), ';')) {
            blocks.putIfAbsent(r[1], r);
        }
        CopyRows rows = new CopyRows(blocks.size());
        blocks.values().forEach(r -> rows.text(r[1]).text(r[0]).text(clean(r[2])).endRow());
        replaceRegisterRows(connection, "certification_skill_block");
        upsert(connection, rows, "certification_skill_block", "code, certification_code, title", """
                INSERT INTO certification_skill_block SELECT * FROM staged""");
        return blocks.size();
    }

    /** A register certification's links come only from the register: they are replaced as a whole. */
    private static void replaceRegisterRows(Connection connection, String table) throws SQLException {
        try (Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM " + table + " t USING certification c "
                    + "WHERE c.code = t.certification_code AND c.origin = 'REGISTER'");
        }
    }

    /** COPY into a temporary table shaped like the target's columns, then the statement reading it as staged. */
    private static void upsert(Connection connection, CopyRows rows, String table, String columns, String insert)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE staged ON COMMIT DROP AS SELECT " + columns + " FROM " + table
                    + " WITH NO DATA");
            rows.copyInto(connection, "staged", columns);
            statement.executeUpdate(insert);
            statement.execute("DROP TABLE staged");
        }
    }

    private record RegisterRow(String code, String title, Integer level, String kindCode, String kindTitle,
            boolean active, LocalDate registrationEnds, String registrationType, Set<String> previous,
            Set<String> next) {
    }

    /** "niveau3" … "niveau8": the European level. */
    private static Integer level(String value) {
        return value.startsWith("niveau") ? Integer.valueOf(value.substring("niveau".length())) : null;
    }

    /** Titles may run over several lines and carry stray spaces. */
    private static String clean(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void addIfPresent(Set<String> codes, String code) {
        if (!code.isBlank()) {
            codes.add(code.strip());
        }
    }

    /** A PostgreSQL array literal of codes (letters and digits only, nothing to escape). */
    private static String array(Set<String> codes) {
        return "{" + String.join(",", codes) + "}";
    }

    private static byte[] resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing reference file " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checksum(Iterable<byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach(digest::update);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
