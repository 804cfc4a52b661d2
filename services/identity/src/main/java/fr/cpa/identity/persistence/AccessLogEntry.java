package fr.cpa.identity.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One advisor access to a holder's data, granted or refused. */
@Entity
@Table(name = "access_log")
public class AccessLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "holder_id")
    public UUID holderId;

    public String advisor;

    public String scope;

    /** What the advisor read, as the service named it (e.g. {@code GET /api/ledger/holders/{id}/accounts}). */
    public String resource;

    public boolean granted;

    @Column(name = "consent_id")
    public UUID consentId;

    public Instant at;
}
