package fr.cpa.catalogue.domain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Certifications with what the catalogue knows of them: jobs, skill blocks, Formacodes, eligibility lists. */
@ApplicationScoped
public class Certifications {

    /**
     * @param level European level 1..8, none for the Répertoire spécifique
     * @param generated made up for volume, not from the register (the RS is not in the open data we have)
     * @param previousCodes certifications this one replaced; nextCodes those that replaced it
     */
    public record Certification(String code, String registry, String title, Integer level, String kindCode,
            String kindTitle, boolean active, LocalDate registrationEnds, String registrationType, String specialKind,
            boolean generated, List<String> previousCodes, List<String> nextCodes, List<Job> jobs,
            List<SkillBlock> skillBlocks, List<String> formacodes, List<Eligibility> eligibility) {
    }

    /** A ROME job the certification leads to; title and domain are absent for codes the ROME v3.47 lacks. */
    public record Job(String code, String title, String domainCode, String domainTitle) {
    }

    public record SkillBlock(String code, String title) {
    }

    /** An eligibility list the certification is on, from a date, until one if known. */
    public record Eligibility(String list, String idcc, String regionCode, String audience, LocalDate validFrom,
            LocalDate validUntil) {
    }

    private final DataSource dataSource;

    Certifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Certification> find(String code) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT code, registry, title, level, kind_code, kind_title, active, registration_ends,
                            registration_type, special_kind, origin = 'GENERATED', previous_codes, next_codes
                        FROM certification WHERE code = ?""")) {
            select.setString(1, code);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Certification(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Integer.class), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                        localDate(rs.getDate(8)), rs.getString(9), rs.getString(10), rs.getBoolean(11),
                        strings(rs.getArray(12)), strings(rs.getArray(13)), jobs(connection, code),
                        skillBlocks(connection, code), formacodes(connection, code), eligibility(connection, code)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a certification", e);
        }
    }

    /** Whether the code is that of a known certification (false for no code). */
    public boolean exists(String code) {
        if (code == null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM certification WHERE code = ?")) {
            select.setString(1, code);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look a certification up", e);
        }
    }

    private static List<Job> jobs(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT l.rome_code, j.title, j.domain_code, j.domain_title
                FROM certification_rome l LEFT JOIN rome_job j ON j.code = l.rome_code
                WHERE l.certification_code = ? ORDER BY l.rome_code""")) {
            select.setString(1, code);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return jobs;
        }
    }

    private static List<SkillBlock> skillBlocks(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT code, title FROM certification_skill_block WHERE certification_code = ? ORDER BY code""")) {
            select.setString(1, code);
            List<SkillBlock> blocks = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    blocks.add(new SkillBlock(rs.getString(1), rs.getString(2)));
                }
            }
            return blocks;
        }
    }

    private static List<String> formacodes(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT formacode FROM certification_formacode WHERE certification_code = ? ORDER BY formacode""")) {
            select.setString(1, code);
            List<String> formacodes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    formacodes.add(rs.getString(1));
                }
            }
            return formacodes;
        }
    }

    private static List<Eligibility> eligibility(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT list, idcc, region_code, audience, valid_from, valid_until FROM certification_eligibility
                WHERE certification_code = ? ORDER BY list, region_code, idcc, audience, valid_from""")) {
            select.setString(1, code);
            List<Eligibility> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Eligibility(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            localDate(rs.getDate(5)), localDate(rs.getDate(6))));
                }
            }
            return entries;
        }
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
