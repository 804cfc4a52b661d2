package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.ledger.domain.DeclaredPersons.DeclaredPerson;
import fr.cpa.ledger.domain.rules.CecActivity;
import fr.cpa.platform.person.Nir;

/**
 * Civic-engagement activities (CEC) declared per person, year and activity by the body that certifies them, kept by
 * person key. A later declaration by the same body replaces its earlier one (revision + 1); the yearly accrual reads
 * them. Declaring opens the person's accounts, as an employer's declaration does.
 */
@ApplicationScoped
public class CecDeclarations {

    /**
     * A declaration as its declarer reads it back, never with the NIR: the measures in the activity's units
     * ({@code secondMeasureUnit} null for an activity measured once).
     */
    public record CecDeclarationView(UUID id, String declarer, int year, CecActivity activity, long measure,
            CecActivity.Measure measureUnit, long secondMeasure, CecActivity.Measure secondMeasureUnit, int revision,
            Instant updatedAt) {
    }

    public record Saved(int revision, CecDeclarationView view) {
    }

    private final DataSource dataSource;
    private final DeclaredPersons persons;

    CecDeclarations(DataSource dataSource, DeclaredPersons persons) {
        this.dataSource = dataSource;
        this.persons = persons;
    }

    /** Records the activity of the person in the year, replacing the declarer's earlier declaration of it. */
    @Transactional
    public Saved save(String declarer, Nir nir, int year, CecActivity activity, long measure, long secondMeasure) {
        DeclaredPerson person = persons.of(nir, year);
        persons.open(List.of(person));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO cec_declaration (id, declarer, year, person_key, activity, measure, second_measure)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (declarer, year, person_key, activity) DO UPDATE SET
                            measure = excluded.measure, second_measure = excluded.second_measure,
                            revision = cec_declaration.revision + 1, updated_at = now()
                        RETURNING id""")) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setString(2, declarer);
            upsert.setInt(3, year);
            upsert.setString(4, person.personKey());
            upsert.setString(5, activity.name());
            upsert.setLong(6, measure);
            upsert.setLong(7, secondMeasure);
            UUID id;
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                id = row.getObject(1, UUID.class);
            }
            CecDeclarationView view = find(connection, id).orElseThrow();
            return new Saved(view.revision(), view);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a CEC declaration", e);
        }
    }

    /** The declaration, whoever declared it: the caller decides who may see it. */
    public Optional<CecDeclarationView> find(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a CEC declaration", e);
        }
    }

    private static Optional<CecDeclarationView> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT declarer, year, activity, measure, second_measure, revision, updated_at
                FROM cec_declaration WHERE id = ?""")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                CecActivity activity = CecActivity.valueOf(row.getString(3));
                return Optional.of(new CecDeclarationView(id, row.getString(1), row.getInt(2), activity,
                        row.getLong(4), activity.measure(), row.getLong(5), activity.secondMeasure(), row.getInt(6),
                        row.getTimestamp(7).toInstant()));
            }
        }
    }
}
