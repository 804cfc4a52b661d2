package fr.cpa.identity.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A single-use link sent by mail; only the SHA-256 of its token is stored. */
@Entity
@Table(name = "mail_token")
public class MailToken extends PanacheEntityBase {

    public enum Purpose {
        EMAIL_VALIDATION, PASSWORD_RESET, EMAIL_CHANGE
    }

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Column(name = "holder_id")
    public UUID holderId;

    @Column(name = "new_email")
    public String newEmail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
