package fr.cpa.identity.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A person who registered for an online space (titulaire). The id is their Keycloak user id; the NIR is kept only
 * encrypted, and other services know the person by the person key.
 */
@Entity
@Table(name = "holder")
public class Holder extends PanacheEntityBase {

    public enum Status {
        /** Registered, the validation link not yet followed: the login is disabled. */
        PENDING_EMAIL,
        ACTIVE,
        /** The online space is closed (the holder's choice or a death); the rights stay with the person. */
        CLOSED
    }

    @Id
    public UUID id;

    @Column(name = "person_key")
    public String personKey;

    /**
     * Set at insert, bound to the id (NirVault). Entity updates leave it out, so a holder saved while the re-encryption
     * job ran ({@link HolderNirs}) cannot put back the value the job replaced.
     */
    @Column(name = "nir_encrypted", updatable = false)
    public String nirEncrypted;

    @Column(name = "nir_temporary")
    public boolean nirTemporary;

    @Column(name = "given_names")
    public String givenNames;

    @Column(name = "birth_name")
    public String birthName;

    @Column(name = "usage_name")
    public String usageName;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String email;

    @Column(name = "mobile_phone")
    public String mobilePhone;

    @Column(name = "landline_phone")
    public String landlinePhone;

    @Column(name = "terms_version")
    public String termsVersion;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "address_line1")
    public String addressLine1;

    @Column(name = "address_line2")
    public String addressLine2;

    public String postcode;

    public String city;

    public String country;

    @Column(name = "residence_region")
    public String residenceRegion;

    @Column(name = "employment_status")
    public String employmentStatus;

    @Column(name = "workplace_siret")
    public String workplaceSiret;

    @Column(name = "work_region")
    public String workRegion;

    @Column(name = "branch_idcc")
    public String branchIdcc;

    @Column(name = "diploma_level")
    public String diplomaLevel;

    public boolean apprenticeship;

    @Column(name = "notify_by_email")
    public boolean notifyByEmail = true;

    @Column(name = "notify_by_sms")
    public boolean notifyBySms;

    @Column(name = "franceconnect_linked_at")
    public Instant franceConnectLinkedAt;

    @Column(name = "closure_reason")
    public String closureReason;

    @Column(name = "date_of_death")
    public LocalDate dateOfDeath;

    @Version
    public long version;

    public static Optional<Holder> byPersonKey(String personKey) {
        return find("personKey", personKey).firstResultOptional();
    }

    public static Optional<Holder> byEmail(String email) {
        return find("email", email).firstResultOptional();
    }

    /** Registrations still waiting for their e-mail's validation, made before {@code before}: oldest first. */
    public static List<Holder> pendingCreatedBefore(Instant before, int limit) {
        return find("status = ?1 and createdAt < ?2 order by createdAt", Status.PENDING_EMAIL, before).page(0, limit)
                .list();
    }

    public static List<Holder> activeBornOn(LocalDate birthDate) {
        return list("birthDate = ?1 and status = ?2", birthDate, Status.ACTIVE);
    }

    /** The name the person uses: the usage name when they gave one (nom d'usage), else the birth name. */
    public String familyName() {
        return usageName != null ? usageName : birthName;
    }
}
