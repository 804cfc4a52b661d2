package fr.cpa.identity.persistence;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A death recorded by an operator, by person key: the person may never have registered. */
@Entity
@Table(name = "person_death")
public class PersonDeath extends PanacheEntityBase {

    @Id
    @Column(name = "person_key")
    public String personKey;

    @Column(name = "date_of_death")
    public LocalDate dateOfDeath;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
