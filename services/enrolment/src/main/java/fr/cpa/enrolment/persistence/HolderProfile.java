package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What identity announced of a holder: their person key, situation, employer and mail preference. */
@Entity
@Table(name = "holder_profile")
public class HolderProfile extends PanacheEntityBase {

    @Id
    @Column(name = "holder_id")
    public UUID holderId;

    @Column(name = "person_key")
    public String personKey;

    @Column(name = "employment_status")
    public String employmentStatus;

    @Column(name = "workplace_siret")
    public String workplaceSiret;

    @Column(name = "email_notifications")
    public boolean emailNotifications = true;

    public boolean closed;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<HolderProfile> of(UUID holderId) {
        return findByIdOptional(holderId);
    }
}
