package fr.cpa.ledger.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An account as read by the APIs. Writes go through the journal ({@code Journal}, {@code Reservations}), which keeps
 * balance and pending equal to the sums of the entries: this mapping is read-only.
 */
@Entity
@Table(name = "account")
@org.hibernate.annotations.Immutable
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "person_key")
    public String personKey;

    public String kind;

    public String unit;

    public long balance;

    public long pending;

    @Column(name = "holder_id")
    public UUID holderId;

    /** The part of the balance that came from top-ups: never counted toward a ceiling. */
    @Column(name = "topped_up")
    public long toppedUp;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    /** Date of death, from which the account is closed. */
    @Column(name = "closed_on")
    public LocalDate closedOn;

    public static List<Account> ofHolder(UUID holderId) {
        return list("holderId = ?1 order by kind", holderId);
    }

    public static java.util.Optional<Account> ofHolder(UUID holderId, String kind) {
        return find("holderId = ?1 and kind = ?2", holderId, kind).firstResultOptional();
    }
}
