package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.ledger.domain.rules.SituationHistory;

/** The holder's situation as identity announces its changes, kept by date for the rules of each year. */
@ApplicationScoped
public class HolderSituations {

    private final DataSource dataSource;

    HolderSituations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the holder told of their situation over time (nothing known: {@link SituationHistory#UNKNOWN}). */
    public SituationHistory historyOf(String personKey) {
        List<SituationHistory.Situation> situations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT effective_from, employment_status, diploma_level, apprenticeship FROM holder_situation
                        WHERE person_key = ?""")) {
            select.setString(1, personKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    situations.add(new SituationHistory.Situation(rows.getObject(1, LocalDate.class),
                            rows.getString(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a holder's situation", e);
        }
        return new SituationHistory(situations);
    }

    /** Records the situation from that day; a later change the same day replaces it (events come in order). */
    @Transactional(TxType.MANDATORY)
    public void record(String personKey, LocalDate from, String employmentStatus, String diplomaLevel,
            boolean apprenticeship) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO holder_situation (person_key, effective_from, employment_status, diploma_level,
                            apprenticeship)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (person_key, effective_from) DO UPDATE SET
                            employment_status = excluded.employment_status, diploma_level = excluded.diploma_level,
                            apprenticeship = excluded.apprenticeship, recorded_at = now()""")) {
            upsert.setString(1, personKey);
            upsert.setObject(2, from);
            upsert.setString(3, employmentStatus);
            upsert.setString(4, diplomaLevel);
            upsert.setBoolean(5, apprenticeship);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a holder's situation", e);
        }
    }
}
