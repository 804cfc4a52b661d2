package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        return historiesOf(List.of(personKey)).getOrDefault(personKey, SituationHistory.UNKNOWN);
    }

    /** The situations of several persons in one query, by person key (persons who told nothing are absent). */
    public Map<String, SituationHistory> historiesOf(Collection<String> personKeys) {
        Map<String, List<SituationHistory.Situation>> situations = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT person_key, effective_from, employment_status, diploma_level, apprenticeship
                        FROM holder_situation WHERE person_key = ANY(?)""")) {
            select.setArray(1, connection.createArrayOf("text", personKeys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    situations.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(
                            new SituationHistory.Situation(rows.getObject(2, LocalDate.class), rows.getString(3),
                                    rows.getString(4), rows.getBoolean(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read holders' situations", e);
        }
        Map<String, SituationHistory> histories = new HashMap<>();
        situations.forEach((key, list) -> histories.put(key, new SituationHistory(list)));
        return histories;
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
