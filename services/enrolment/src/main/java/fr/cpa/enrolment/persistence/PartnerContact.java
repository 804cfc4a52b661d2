package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The address where an organisation or an employer (known by SIRET) wants the platform's mails. */
@Entity
@Table(name = "partner_contact")
public class PartnerContact extends PanacheEntityBase {

    @Id
    public String siret;

    public String email;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<String> emailOf(String siret) {
        return siret == null ? Optional.empty()
                : PartnerContact.<PartnerContact>findByIdOptional(siret).map(contact -> contact.email);
    }
}
