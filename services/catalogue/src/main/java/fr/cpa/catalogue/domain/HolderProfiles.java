package fr.cpa.catalogue.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Holders' situations as identity announces them, kept only for "eligible for me". */
@ApplicationScoped
public class HolderProfiles {

    /**
     * @param employmentStatus as identity names it: EMPLOYEE, JOB_SEEKER, JOB_SEEKER_CSP, …
     * @param branchIdcc the collective agreement of the employee's branch, or of the company a person in CSP left
     */
    public record HolderProfile(UUID holderId, String employmentStatus, String workRegion, String residenceRegion,
            String branchIdcc) {
    }

    private final DataSource dataSource;

    HolderProfiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(HolderProfile profile) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO holder_profile (holder_id, employment_status, work_region, residence_region,
                            branch_idcc)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (holder_id) DO UPDATE SET employment_status = excluded.employment_status,
                            work_region = excluded.work_region, residence_region = excluded.residence_region,
                            branch_idcc = excluded.branch_idcc, updated_at = now()""")) {
            upsert.setObject(1, profile.holderId());
            upsert.setString(2, profile.employmentStatus());
            upsert.setString(3, profile.workRegion());
            upsert.setString(4, profile.residenceRegion());
            upsert.setString(5, profile.branchIdcc());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a holder's profile", e);
        }
    }

    /** A closed account's situation is not kept. */
    public void forget(UUID holderId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM holder_profile WHERE holder_id = ?")) {
            delete.setObject(1, holderId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget a holder's profile", e);
        }
    }

    public Optional<HolderProfile> find(UUID holderId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT employment_status, work_region, residence_region, branch_idcc FROM holder_profile
                        WHERE holder_id = ?""")) {
            select.setObject(1, holderId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(new HolderProfile(holderId, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a holder's profile", e);
        }
    }
}
