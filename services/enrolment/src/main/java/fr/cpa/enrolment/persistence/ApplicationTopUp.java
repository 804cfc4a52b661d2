package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A top-up the ledger announced for an application (ApplicationToppedUp). */
@Entity
@Table(name = "application_top_up")
public class ApplicationTopUp extends PanacheEntityBase {

    @Id
    @Column(name = "top_up_id")
    public UUID topUpId;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "funder_client")
    public String funderClient;

    @Column(name = "funder_type")
    public String funderType;

    @Column(name = "funder_name")
    public String funderName;

    @Column(name = "amount_cents")
    public long amountCents;

    @Column(name = "received_at")
    public Instant receivedAt;

    public static List<ApplicationTopUp> ofApplication(UUID applicationId) {
        return list("applicationId = ?1 order by receivedAt", applicationId);
    }

    /** Whether a funder of this client id topped the application up (it may then cancel it). */
    public static boolean fundedBy(UUID applicationId, String funderClient) {
        return count("applicationId = ?1 and funderClient = ?2", applicationId, funderClient) > 0;
    }
}
