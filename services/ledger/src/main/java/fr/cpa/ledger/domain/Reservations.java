package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.ledger.domain.rules.Unit;

/**
 * Two-phase reservations of funds, after TigerBeetle's pending transfers: {@link #reserve} holds an amount out of the
 * available balance (balance − pending), {@link #post} takes the amount actually due (at most the amount held) and
 * frees the rest, {@link #voidReservation} frees it all. Each step is a journal entry. Every call is idempotent by
 * reservation id: a redelivered request gets the outcome of the first.
 */
@ApplicationScoped
public class Reservations {

    public enum Status {
        PENDING, POSTED, VOIDED, REFUSED
    }

    /** Where a reservation stands after a call. */
    public record Outcome(UUID reservationId, Status status, long amount, long postedAmount) {
    }

    private final DataSource dataSource;
    private final Journal journal;

    Reservations(DataSource dataSource, Journal journal) {
        this.dataSource = dataSource;
        this.journal = journal;
    }

    /**
     * Holds {@code amount} on the account, or answers REFUSED when the available balance is short (nothing is
     * written then, so the same id may be tried again later).
     */
    @Transactional(TxType.MANDATORY)
    public Outcome reserve(UUID reservationId, UUID accountId, long amount, String explanation) {
        if (amount <= 0) {
            throw new IllegalArgumentException("A reservation holds a positive amount");
        }
        Optional<Outcome> known = find(reservationId);
        if (known.isPresent()) {
            return known.get();
        }
        Unit unit;
        try (Connection connection = dataSource.getConnection();
                // One statement checks and holds: concurrent reservations on an account queue on its row lock and
                // each sees the pending total left by the previous one.
                PreparedStatement hold = connection.prepareStatement("""
                        UPDATE account SET pending = pending + ? WHERE id = ? AND balance - pending >= ?
                        RETURNING unit""");
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO funds_reservation (id, account_id, amount, status) VALUES (?, ?, ?, 'PENDING')""")) {
            hold.setLong(1, amount);
            hold.setObject(2, accountId);
            hold.setLong(3, amount);
            try (ResultSet row = hold.executeQuery()) {
                if (!row.next()) {
                    return new Outcome(reservationId, Status.REFUSED, amount, 0);
                }
                unit = Unit.valueOf(row.getString(1));
            }
            insert.setObject(1, reservationId);
            insert.setObject(2, accountId);
            insert.setLong(3, amount);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reserve funds", e);
        }
        // The hold is already applied to the account above; the entry records it with no second effect on it.
        journal.recordApplied(new NewEntry(entryId(reservationId, Status.PENDING), accountId,
                EntryKind.RESERVATION_PENDING, 0, amount, unit, LocalDate.now(), null, null, explanation, Map.of(),
                reservationId, null));
        return new Outcome(reservationId, Status.PENDING, amount, 0);
    }

    /** Debits the amount due (0 ≤ due ≤ amount held) and frees the reservation. */
    @Transactional(TxType.MANDATORY)
    public Outcome post(UUID reservationId, long amountDue, String explanation) {
        Pending pending = lockPending(reservationId);
        if (pending.outcome != null) {
            return pending.outcome;
        }
        if (amountDue < 0 || amountDue > pending.amount) {
            throw new IllegalArgumentException("The amount due must be between 0 and the amount held");
        }
        journal.append(new NewEntry(entryId(reservationId, Status.POSTED), pending.accountId,
                EntryKind.RESERVATION_POSTED, -amountDue, -pending.amount, pending.unit, LocalDate.now(), null, null,
                explanation, Map.of(), reservationId, null));
        resolve(reservationId, Status.POSTED, amountDue);
        return new Outcome(reservationId, Status.POSTED, pending.amount, amountDue);
    }

    /** Frees the whole reservation. */
    @Transactional(TxType.MANDATORY)
    public Outcome voidReservation(UUID reservationId, String explanation) {
        Pending pending = lockPending(reservationId);
        if (pending.outcome != null) {
            return pending.outcome;
        }
        journal.append(new NewEntry(entryId(reservationId, Status.VOIDED), pending.accountId,
                EntryKind.RESERVATION_VOIDED, 0, -pending.amount, pending.unit, LocalDate.now(), null, null,
                explanation, Map.of(), reservationId, null));
        resolve(reservationId, Status.VOIDED, null);
        return new Outcome(reservationId, Status.VOIDED, pending.amount, 0);
    }

    /** The entry id of a step of a reservation: derived, so a retried step finds the entry it wrote. */
    static UUID entryId(UUID reservationId, Status step) {
        return UUID.nameUUIDFromBytes((reservationId + "/" + step).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private record Pending(UUID accountId, long amount, Unit unit, Outcome outcome) {
    }

    private Pending lockPending(UUID reservationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT r.account_id, r.amount, r.status, r.posted_amount, a.unit
                        FROM funds_reservation r JOIN account a ON a.id = r.account_id
                        WHERE r.id = ? FOR UPDATE OF r""")) {
            select.setObject(1, reservationId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new UnknownReservationException();
                }
                Status status = Status.valueOf(row.getString(3));
                Outcome outcome = status == Status.PENDING ? null
                        : new Outcome(reservationId, status, row.getLong(2), row.getLong(4));
                return new Pending(row.getObject(1, UUID.class), row.getLong(2),
                        Unit.valueOf(row.getString(5)), outcome);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a reservation", e);
        }
    }

    public Optional<Outcome> find(UUID reservationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, amount, posted_amount FROM funds_reservation WHERE id = ?")) {
            select.setObject(1, reservationId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Outcome(reservationId, Status.valueOf(row.getString(1)), row.getLong(2),
                                row.getLong(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a reservation", e);
        }
    }

    private void resolve(UUID reservationId, Status status, Long postedAmount) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE funds_reservation SET status = ?, posted_amount = ?, resolved_at = now() WHERE id = ?""")) {
            update.setString(1, status.name());
            if (postedAmount == null) {
                update.setNull(2, java.sql.Types.BIGINT);
            } else {
                update.setLong(2, postedAmount);
            }
            update.setObject(3, reservationId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not resolve a reservation", e);
        }
    }
}
