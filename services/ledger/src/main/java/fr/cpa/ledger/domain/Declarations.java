package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.ledger.domain.DeclaredPersons.DeclaredPerson;
import fr.cpa.ledger.domain.rules.CppFactor;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Employers' declarations, kept by person key (the NIR is not stored here). Saving one opens the person's accounts,
 * so that rights accrue before the person ever registers. One declaration and a batch's lines go through the same
 * upsert.
 */
@ApplicationScoped
public class Declarations {

    /** One quarter of exposure to an arduous-work factor, as the employer declares it. */
    public record Exposure(@NotNull CppFactor factor, int quarter) {
    }

    /**
     * Who declares: the SIRET and whether the employer is a public one, both from its token.
     *
     * @param publicSector the employer is a public one (État, collectivité, hôpital): its years are public-service
     *        years for its agents (ordonnance 2017-53)
     */
    public record Employer(String siret, boolean publicSector) {

        public String sector() {
            return publicSector ? "PUBLIC" : "PRIVATE";
        }
    }

    /**
     * What a public employer says of the agent's post.
     *
     * @param category A, B or C (catégorie), or null when not given
     * @param reducedDuration a post of reduced duration (temps non complet): only such a post is prorated, part-time
     *        work on a full post counts as full time
     */
    public record PublicPost(String category, boolean reducedDuration) {
    }

    /** An employee-year as the employer sends it, checked; the NIR is hidden by {@link Nir#toString()}. */
    public record NewDeclaration(Nir nir, int year, long minutesWorked, Long referenceMinutes, String contractType,
            boolean lowQualified, List<Exposure> exposures, PublicPost publicPost) {
    }

    /** An employee-year to record: the person by key, never by NIR. */
    public record KeyedDeclaration(DeclaredPerson person, int year, long minutesWorked, Long referenceMinutes,
            String contractType, boolean lowQualified, List<Exposure> exposures, PublicPost publicPost) {
    }

    /** A line of a batch file, by its number in the file. */
    public record BatchLine(int line, KeyedDeclaration declaration) {
    }

    /**
     * What became of a chunk of a batch's lines: how many were recorded, and the lines refused because an earlier
     * line of the same batch declared the same employee-year (line → that earlier line).
     */
    public record BatchOutcome(int recorded, Map<Integer, Integer> duplicates) {
    }

    /** A declaration as its employer reads it back: never the NIR. */
    public record DeclarationView(UUID id, int year, long minutesWorked, Long referenceMinutes, String contractType,
            boolean lowQualified, List<Exposure> cppExposures, String employerSector, String publicServiceCategory,
            boolean reducedDurationPost, int revision, Instant updatedAt) {
    }

    public record Saved(int revision, DeclarationView view) {
    }

    private record EmployeeYear(int year, String personKey) {
    }

    private record Written(UUID id, EmployeeYear employeeYear) {
    }

    private final DataSource dataSource;
    private final DeclaredPersons persons;
    private final ObjectMapper json;

    Declarations(DataSource dataSource, DeclaredPersons persons, ObjectMapper json) {
        this.dataSource = dataSource;
        this.persons = persons;
        this.json = json;
    }

    /** The declaration with its person named by key. */
    public KeyedDeclaration keyed(NewDeclaration d) {
        return new KeyedDeclaration(persons.of(d.nir(), d.year()), d.year(), d.minutesWorked(), d.referenceMinutes(),
                d.contractType(), d.lowQualified(), d.exposures(), d.publicPost());
    }

    /**
     * Records the employee-year, replacing the employer's earlier declaration of it (revision + 1). What a public post
     * is (category, reduced duration) only a public employer says: 400 from another.
     */
    @Transactional
    public Saved save(Employer employer, NewDeclaration declaration) {
        if (declaration.publicPost() != null && !employer.publicSector()) {
            throw new ProblemException(ProblemType.VALIDATION, "The declaration is invalid.", List.of(new FieldError(
                    "publicServiceCategory", "only a public employer declares an agent's category or post")));
        }
        KeyedDeclaration keyed = keyed(declaration);
        persons.open(List.of(keyed.person()));
        try (Connection connection = dataSource.getConnection()) {
            UUID id = upsert(connection, employer, null, List.of(keyed), null).get(0).id();
            DeclarationView view = find(connection, employer.siret(), id).orElseThrow();
            return new Saved(view.revision(), view);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a declaration", e);
        }
    }

    /**
     * Records lines of a batch like single declarations, in one statement. A line for an employee-year that an earlier
     * line of the same batch declared is not recorded: a file holds one line per employee-year, and two are most
     * likely two contracts whose hours the employer meant to add up, which replacing one by the other would lose.
     */
    @Transactional(TxType.MANDATORY)
    public BatchOutcome saveBatchLines(Employer employer, UUID batchId, List<BatchLine> lines) {
        Map<EmployeeYear, Integer> firstLines = new LinkedHashMap<>();
        Map<Integer, Integer> duplicates = new HashMap<>();
        List<BatchLine> unique = new ArrayList<>();
        for (BatchLine line : lines) {
            KeyedDeclaration d = line.declaration();
            Integer first = firstLines.putIfAbsent(new EmployeeYear(d.year(), d.person().personKey()), line.line());
            if (first == null) {
                unique.add(line);
            } else {
                duplicates.put(line.line(), first);
            }
        }
        if (unique.isEmpty()) {
            return new BatchOutcome(0, duplicates);
        }
        persons.open(unique.stream().map(line -> line.declaration().person()).toList());
        try (Connection connection = dataSource.getConnection()) {
            List<Written> written = upsert(connection, employer, batchId,
                    unique.stream().map(BatchLine::declaration).toList(),
                    unique.stream().map(BatchLine::line).toList());
            if (written.size() < unique.size()) {
                written.forEach(w -> firstLines.remove(w.employeeYear()));
                duplicates.putAll(earlierLines(connection, employer.siret(), batchId, firstLines));
            }
            return new BatchOutcome(written.size(), duplicates);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a batch's declarations", e);
        }
    }

    /**
     * The upsert of both paths: each employee-year replaces the employer's earlier declaration of it (revision + 1),
     * except, from a batch, one the same batch already wrote (left out of the answer). Rows go in (year, person key)
     * order so that concurrent writers lock them in the same order.
     */
    private List<Written> upsert(Connection connection, Employer employer, UUID batchId,
            List<KeyedDeclaration> declarations, List<Integer> batchLines) throws SQLException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < declarations.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> declarations.get(i).year())
                .thenComparing(i -> declarations.get(i).person().personKey()));
        int n = order.size();
        Object[] ids = new Object[n];
        Object[] years = new Object[n];
        Object[] personKeys = new Object[n];
        Object[] minutes = new Object[n];
        Object[] references = new Object[n];
        Object[] contracts = new Object[n];
        Object[] lowQualified = new Object[n];
        Object[] exposures = new Object[n];
        Object[] categories = new Object[n];
        Object[] reduced = new Object[n];
        Object[] lines = new Object[n];
        for (int row = 0; row < n; row++) {
            int i = order.get(row);
            KeyedDeclaration d = declarations.get(i);
            ids[row] = UUID.randomUUID();
            years[row] = d.year();
            personKeys[row] = d.person().personKey();
            minutes[row] = d.minutesWorked();
            references[row] = d.referenceMinutes();
            contracts[row] = d.contractType();
            lowQualified[row] = d.lowQualified();
            exposures[row] = exposuresJson(d.exposures());
            categories[row] = d.publicPost() == null ? null : d.publicPost().category();
            reduced[row] = d.publicPost() != null && d.publicPost().reducedDuration();
            lines[row] = batchLines == null ? null : batchLines.get(i);
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO declaration (id, siret, year, person_key, minutes_worked, reference_minutes,
                    contract_type, low_qualified, cpp_exposures, batch_id, batch_line, employer_sector,
                    public_category, reduced_duration_post)
                SELECT d.id, ?, d.year, d.person_key, d.minutes_worked, d.reference_minutes, d.contract_type,
                    d.low_qualified, d.cpp_exposures::jsonb, ?::uuid, d.batch_line, ?, d.public_category,
                    d.reduced_duration_post
                FROM unnest(?::uuid[], ?::int[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::boolean[],
                        ?::text[], ?::int[], ?::char[], ?::boolean[])
                    AS d(id, year, person_key, minutes_worked, reference_minutes, contract_type, low_qualified,
                        cpp_exposures, batch_line, public_category, reduced_duration_post)
                ON CONFLICT (siret, year, person_key) DO UPDATE SET
                    minutes_worked = excluded.minutes_worked, reference_minutes = excluded.reference_minutes,
                    contract_type = excluded.contract_type, low_qualified = excluded.low_qualified,
                    cpp_exposures = excluded.cpp_exposures, employer_sector = excluded.employer_sector,
                    public_category = excluded.public_category,
                    reduced_duration_post = excluded.reduced_duration_post, revision = declaration.revision + 1,
                    updated_at = now(), batch_id = excluded.batch_id, batch_line = excluded.batch_line
                WHERE excluded.batch_id IS NULL OR declaration.batch_id IS DISTINCT FROM excluded.batch_id
                RETURNING id, year, person_key""")) {
            upsert.setString(1, employer.siret());
            if (batchId == null) {
                upsert.setNull(2, Types.OTHER);
            } else {
                upsert.setObject(2, batchId);
            }
            upsert.setString(3, employer.sector());
            upsert.setArray(4, connection.createArrayOf("uuid", ids));
            upsert.setArray(5, connection.createArrayOf("int4", years));
            upsert.setArray(6, connection.createArrayOf("varchar", personKeys));
            upsert.setArray(7, connection.createArrayOf("int8", minutes));
            upsert.setArray(8, connection.createArrayOf("int8", references));
            upsert.setArray(9, connection.createArrayOf("varchar", contracts));
            upsert.setArray(10, connection.createArrayOf("bool", lowQualified));
            upsert.setArray(11, connection.createArrayOf("text", exposures));
            upsert.setArray(12, connection.createArrayOf("int4", lines));
            upsert.setArray(13, connection.createArrayOf("bpchar", categories));
            upsert.setArray(14, connection.createArrayOf("bool", reduced));
            List<Written> written = new ArrayList<>();
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    written.add(new Written(rows.getObject(1, UUID.class),
                            new EmployeeYear(rows.getInt(2), rows.getString(3))));
                }
            }
            return written;
        }
    }

    /** For employee-years the batch already wrote: the line of the batch that did, by the line that came again. */
    private static Map<Integer, Integer> earlierLines(Connection connection, String siret, UUID batchId,
            Map<EmployeeYear, Integer> again) throws SQLException {
        Map<Integer, Integer> earlier = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT d.year, d.person_key, d.batch_line FROM declaration d
                JOIN unnest(?::int[], ?::varchar[]) AS again(year, person_key)
                    ON d.year = again.year AND d.person_key = again.person_key
                WHERE d.siret = ? AND d.batch_id = ?""")) {
            select.setArray(1, connection.createArrayOf("int4",
                    again.keySet().stream().map(EmployeeYear::year).toArray()));
            select.setArray(2, connection.createArrayOf("varchar",
                    again.keySet().stream().map(EmployeeYear::personKey).toArray()));
            select.setString(3, siret);
            select.setObject(4, batchId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    earlier.put(again.get(new EmployeeYear(rows.getInt(1), rows.getString(2))), rows.getInt(3));
                }
            }
        }
        return earlier;
    }

    private String exposuresJson(List<Exposure> exposures) {
        try {
            return json.writeValueAsString(exposures);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The declaration if it is this employer's; another employer's is not found. */
    public Optional<DeclarationView> find(String siret, UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, siret, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a declaration", e);
        }
    }

    private Optional<DeclarationView> find(Connection connection, String siret, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT year, minutes_worked, reference_minutes, contract_type, low_qualified, cpp_exposures, revision,
                    updated_at, employer_sector, public_category, reduced_duration_post
                FROM declaration WHERE id = ? AND siret = ?""")) {
            select.setObject(1, id);
            select.setString(2, siret);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long read = row.getLong(3);
                Long reference = row.wasNull() ? null : read;
                return Optional.of(new DeclarationView(id, row.getInt(1), row.getLong(2), reference,
                        row.getString(4), row.getBoolean(5),
                        json.readValue(row.getString(6), new TypeReference<List<Exposure>>() {
                        }), row.getString(9), row.getString(10), row.getBoolean(11), row.getInt(7),
                        row.getTimestamp(8).toInstant()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable exposures", e);
        }
    }
}
