package fr.cpa.catalogue.domain;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Training organisations (organismes de formation), as they describe themselves. */
@ApplicationScoped
public class Organisations {

    /** @param qualiopiGranted when the organisation obtained the Qualiopi quality certification, if it has it */
    public record Organisation(String siret, String name, String street, String postcode, String city,
            LocalDate qualiopiGranted) {
    }

    private final DataSource dataSource;

    Organisations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Organisation save(Organisation organisation) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO organisation (siret, name, street, postcode, city, qualiopi_granted)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (siret) DO UPDATE SET name = excluded.name, street = excluded.street,
                            postcode = excluded.postcode, city = excluded.city,
                            qualiopi_granted = excluded.qualiopi_granted, updated_at = now()""")) {
            upsert.setString(1, organisation.siret());
            upsert.setString(2, organisation.name());
            upsert.setString(3, organisation.street());
            upsert.setString(4, organisation.postcode());
            upsert.setString(5, organisation.city());
            upsert.setObject(6, organisation.qualiopiGranted());
            upsert.executeUpdate();
            // Its Qualiopi date decides which of its offers are eligible, in the search too.
            try (PreparedStatement refresh = connection.prepareStatement("SELECT search_refresh_organisation(?)")) {
                refresh.setString(1, organisation.siret());
                refresh.execute();
            }
            return organisation;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save an organisation", e);
        }
    }

    public Optional<Organisation> find(String siret) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT siret, name, street, postcode, city, qualiopi_granted FROM organisation
                        WHERE siret = ?""")) {
            select.setString(1, siret);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date granted = rs.getDate(6);
                return Optional.of(new Organisation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), granted == null ? null : granted.toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an organisation", e);
        }
    }
}
