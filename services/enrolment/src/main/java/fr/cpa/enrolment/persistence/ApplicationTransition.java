package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One step of an application: from which state to which, when, by whom and why. Append-only. */
@Entity
@Table(name = "application_transition")
public class ApplicationTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    public Instant at;

    public String actor;

    @Column(name = "actor_id")
    public String actorId;

    public String reason;

    public static List<ApplicationTransition> of(UUID applicationId) {
        return list("applicationId = ?1 order by id", applicationId);
    }
}
