package fr.cpa.identity.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A holder's grant to an advisor agency to read chosen parts of their data until a date, unless revoked. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "holder_id")
    public UUID holderId;

    /** The agency's Keycloak client id. */
    public String advisor;

    /** Comma-separated scopes. */
    public String scopes;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public List<String> scopeList() {
        return Arrays.asList(scopes.split(","));
    }

    public boolean liveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public static List<Consent> ofHolder(UUID holderId) {
        return list("holderId = ?1 order by grantedAt desc", holderId);
    }

    public static List<Consent> between(UUID holderId, String advisor) {
        return list("holderId = ?1 and advisor = ?2", holderId, advisor);
    }
}
