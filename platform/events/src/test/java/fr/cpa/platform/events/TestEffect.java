package fr.cpa.platform.events;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The effect of applying a {@link SequencedTestEvent}; {@code applied} numbers the rows in applying order. */
@Entity
@Table(name = "platform_events_test_effect")
public class TestEffect extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long applied;

    @Column(name = "run_id")
    public String runId;

    public String key;

    public int sequence;

    @Column(name = "event_id")
    public UUID eventId;
}
