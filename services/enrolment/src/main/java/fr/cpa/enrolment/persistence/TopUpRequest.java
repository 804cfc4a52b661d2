package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;

/** A request to a funder (by client id) or to the holder's employer (by SIRET) for a top-up of one application. */
@Entity
@Table(name = "top_up_request")
public class TopUpRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "funder_client")
    public String funderClient;

    @Column(name = "funder_siret")
    public String funderSiret;

    @Column(name = "amount_cents")
    public long amountCents;

    public String message;

    public String status;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_by_id")
    public String requestedById;

    public String answer;

    @Column(name = "top_up_id")
    public UUID topUpId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    public static List<TopUpRequest> ofApplication(UUID applicationId) {
        return list("applicationId = ?1 order by createdAt", applicationId);
    }

    public static Optional<TopUpRequest> lock(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Requests addressed to a funder client or an employer's SIRET, newest first, optionally in one status. */
    public static PanacheQuery<TopUpRequest> addressedTo(String column, String funder, String status) {
        Sort newest = Sort.descending("createdAt").and("id");
        return status == null ? find(column + " = ?1", newest, funder)
                : find(column + " = ?1 and status = ?2", newest, funder, status);
    }

    /** The oldest pending request of this funder for the application, which its top-up answers. */
    public static Optional<TopUpRequest> pendingFrom(UUID applicationId, String funderClient, String funderSiret) {
        return find("applicationId = ?1 and status = 'PENDING' and (funderClient = ?2 or funderSiret = ?3) "
                + "order by createdAt", applicationId, funderClient, funderSiret).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
