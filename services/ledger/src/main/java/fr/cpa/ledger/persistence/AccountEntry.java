package fr.cpa.ledger.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A journal entry as read by the APIs; entries are written by {@code Journal} only, and never change. */
@Entity
@Table(name = "account_entry")
@Immutable
public class AccountEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    public String kind;

    public long amount;

    @Column(name = "pending_amount")
    public long pendingAmount;

    public String unit;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    public String rule;

    @Column(name = "rule_year")
    public Integer ruleYear;

    public String explanation;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> inputs;

    /** The other half of a conversion (hours to euros, CPP points to the CPF). */
    @Column(name = "linked_entry_id")
    public UUID linkedEntryId;

    /** The account's entries effective between the two dates (inclusive), oldest first. */
    public static List<AccountEntry> between(UUID accountId, LocalDate from, LocalDate to) {
        return list("accountId = ?1 and effectiveDate >= ?2 and effectiveDate <= ?3 order by effectiveDate, recordedAt",
                accountId, from, to);
    }
}
