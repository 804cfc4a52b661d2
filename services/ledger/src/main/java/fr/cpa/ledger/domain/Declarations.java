package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.ledger.domain.rules.CppFactor;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;

/**
 * Employers' declarations, kept by person key (the NIR is not stored here). Saving one opens the person's accounts,
 * so that rights accrue before the person ever registers.
 */
@ApplicationScoped
public class Declarations {

    /** One quarter of exposure to an arduous-work factor, as the employer declares it. */
    public record Exposure(@NotNull CppFactor factor, int quarter) {
    }

    /** A declaration as its employer reads it back: never the NIR. */
    public record DeclarationView(UUID id, int year, long minutesWorked, Long referenceMinutes, String contractType,
            boolean lowQualified, List<Exposure> cppExposures, int revision, Instant updatedAt) {
    }

    public record Saved(int revision, DeclarationView view) {
    }

    // Only to choose the NIR's century: nobody declared for work is younger than this (not a legal figure).
    private static final int MIN_WORKING_AGE = 14;

    private final DataSource dataSource;
    private final PersonKeys personKeys;
    private final Accounts accounts;
    private final ObjectMapper json;

    Declarations(DataSource dataSource, PersonKeys personKeys, Accounts accounts, ObjectMapper json) {
        this.dataSource = dataSource;
        this.personKeys = personKeys;
        this.accounts = accounts;
        this.json = json;
    }

    /** Records the employee-year, replacing the employer's earlier declaration of it (revision + 1). */
    @Transactional
    public Saved save(String siret, Nir nir, int year, long minutesWorked, Long referenceMinutes, String contractType,
            boolean lowQualified, List<Exposure> exposures) {
        String personKey = personKeys.of(nir);
        accounts.open(personKey);
        accounts.noteApproximateBirthDate(personKey, approximateBirthDate(nir, year));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO declaration (id, siret, year, person_key, minutes_worked, reference_minutes,
                            contract_type, low_qualified, cpp_exposures)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                        ON CONFLICT (siret, year, person_key) DO UPDATE SET
                            minutes_worked = excluded.minutes_worked, reference_minutes = excluded.reference_minutes,
                            contract_type = excluded.contract_type, low_qualified = excluded.low_qualified,
                            cpp_exposures = excluded.cpp_exposures, revision = declaration.revision + 1,
                            updated_at = now()
                        RETURNING id""")) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setString(2, siret);
            upsert.setInt(3, year);
            upsert.setString(4, personKey);
            upsert.setLong(5, minutesWorked);
            if (referenceMinutes == null) {
                upsert.setNull(6, Types.BIGINT);
            } else {
                upsert.setLong(6, referenceMinutes);
            }
            upsert.setString(7, contractType);
            upsert.setBoolean(8, lowQualified);
            upsert.setString(9, json.writeValueAsString(exposures));
            UUID id;
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                id = row.getObject(1, UUID.class);
            }
            DeclarationView view = find(connection, siret, id).orElseThrow();
            return new Saved(view.revision(), view);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a declaration", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The first day of the NIR's month of birth (January when the month is unknown). The NIR gives the year without
     * its century: the century is the one that makes the person of working age in the declared year.
     */
    static LocalDate approximateBirthDate(Nir nir, int declaredYear) {
        int yy = Integer.parseInt(nir.value().substring(1, 3));
        int year = 2000 + yy <= declaredYear - MIN_WORKING_AGE ? 2000 + yy : 1900 + yy;
        return LocalDate.of(year, nir.birthMonth().orElse(1), 1);
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
                    updated_at
                FROM declaration WHERE id = ? AND siret = ?""")) {
            select.setObject(1, id);
            select.setString(2, siret);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long reference = row.getLong(3);
                return Optional.of(new DeclarationView(id, row.getInt(1), row.getLong(2),
                        row.wasNull() ? null : reference, row.getString(4), row.getBoolean(5),
                        json.readValue(row.getString(6), new TypeReference<List<Exposure>>() {
                        }), row.getInt(7), row.getTimestamp(8).toInstant()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable exposures", e);
        }
    }
}
