package fr.cpa.enrolment.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import fr.cpa.enrolment.domain.lifecycle.ApplicationState;

/** A training application (dossier de formation) as stored; its steps are {@link ApplicationTransition}s. */
@Entity
@Table(name = "application")
public class TrainingApplication extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "holder_id")
    public UUID holderId;

    @Column(name = "person_key")
    public String personKey;

    @Enumerated(EnumType.STRING)
    public ApplicationState state;

    @Column(name = "offer_id")
    public UUID offerId;

    @Column(name = "action_id")
    public UUID actionId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "organisation_siret")
    public String organisationSiret;

    @Column(name = "organisation_name")
    public String organisationName;

    @Column(name = "organisation_email")
    public String organisationEmail;

    @Column(name = "certification_code")
    public String certificationCode;

    public String title;

    @Column(name = "cec_only")
    public boolean cecOnly;

    @Column(name = "starts_on")
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "duration_minutes")
    public long durationMinutes;

    @Column(name = "price_cents")
    public long priceCents;

    @Column(name = "working_time")
    public String workingTime;

    @Column(name = "use_cpf")
    public boolean useCpf;

    @Column(name = "use_cec")
    public boolean useCec;

    @Column(name = "cpp_points")
    public int cppPoints;

    @Column(name = "applicant_name")
    public String applicantName;

    @Column(name = "applicant_email")
    public String applicantEmail;

    /** The latest funding plan, as JSON ({@link PlanJson}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> plan;

    /** The ledger's funds the plan was computed from, as JSON ({@link PlanJson}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> funds;

    @Column(name = "plan_computed_at")
    public Instant planComputedAt;

    @Column(name = "proposed_on")
    public LocalDate proposedOn;

    @Column(name = "proposal_message")
    public String proposalMessage;

    @Column(name = "employer_siret")
    public String employerSiret;

    @Column(name = "employer_status")
    public String employerStatus;

    @Column(name = "employer_requested_on")
    public LocalDate employerRequestedOn;

    @Column(name = "employer_answer_due")
    public LocalDate employerAnswerDue;

    @Column(name = "employer_decided_at")
    public Instant employerDecidedAt;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @Column(name = "holder_payment_cents")
    public long holderPaymentCents;

    @Column(name = "contribution_cents")
    public long contributionCents;

    @Column(name = "seat_booked")
    public boolean seatBooked;

    @Column(name = "reserved_cpf_cents")
    public long reservedCpfCents;

    @Column(name = "reserved_cec_cents")
    public long reservedCecCents;

    @Column(name = "debited_cpf_cents")
    public long debitedCpfCents;

    @Column(name = "debited_cec_cents")
    public long debitedCecCents;

    @Column(name = "released_cpf_cents")
    public long releasedCpfCents;

    @Column(name = "released_cec_cents")
    public long releasedCecCents;

    @Column(name = "top_ups_returned_cents")
    public long topUpsReturnedCents;

    @Column(name = "payment_refusal")
    public String paymentRefusal;

    @Column(name = "entered_on")
    public LocalDate enteredOn;

    @Column(name = "attended_minutes")
    public Long attendedMinutes;

    @Column(name = "completion_reason")
    public String completionReason;

    @Column(name = "completed_on")
    public LocalDate completedOn;

    @Column(name = "validated_on")
    public LocalDate validatedOn;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Column(name = "paid_cents")
    public Long paidCents;

    @Column(name = "ended_reason")
    public String endedReason;

    public boolean forfeited;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public int version;

    /** The application, its row locked until the end of the transaction: each step is taken by one writer. */
    public static Optional<TrainingApplication> lock(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** A page of one owner's applications, newest first, optionally in some states only. */
    public static PanacheQuery<TrainingApplication> ownedBy(String ownerColumn, Object owner,
            Collection<ApplicationState> states) {
        Sort newest = Sort.descending("submittedAt").and("id");
        if (states.isEmpty()) {
            return find(ownerColumn + " = ?1", newest, owner);
        }
        return find(ownerColumn + " = ?1 and state in ?2", newest, owner, states);
    }

    /** Absence requests addressed to an employer, newest first, optionally in one status. */
    public static PanacheQuery<TrainingApplication> forEmployer(String siret, String status) {
        Sort newest = Sort.descending("employerRequestedOn").and("submittedAt").and("id");
        return status == null ? find("employerSiret = ?1", newest, siret)
                : find("employerSiret = ?1 and employerStatus = ?2", newest, siret, status);
    }

    /** Applications whose current step is overdue on that day, in a given state. */
    public static List<UUID> overdue(ApplicationState state, LocalDate today, int limit) {
        return find("state = ?1 and dueOn < ?2", Sort.ascending("dueOn"), state, today).page(Page.ofSize(limit))
                .project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /** Applications whose employer did not answer by the day before. */
    public static List<UUID> employerSilent(LocalDate today, int limit) {
        return find("employerStatus = 'PENDING' and employerAnswerDue < ?1", Sort.ascending("employerAnswerDue"),
                today).page(Page.ofSize(limit)).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /** Applications whose service was validated and is not paid yet. */
    public static List<UUID> toPay(int limit) {
        return find("state = ?1", Sort.ascending("validatedOn"), ApplicationState.SERVICE_VALIDATED)
                .page(Page.ofSize(limit)).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(UUID id) {
    }
}
