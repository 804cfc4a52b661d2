package fr.cpa.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * available balance (balance − pending), {@link #reserveAll} holds several, on several accounts, all or none,
 * {@link #post} takes the amount actually due (at most the amount held) and frees the rest, {@link #voidReservation}
 * frees it all. Each step is a journal entry. Every call is idempotent by
 * reservation id: a redelivered request gets the outcome of the first.
 *
 * <p>Top-ups made for a training application are earmarked for it ({@code account.earmarked}): no other hold may use
 * them, so that what the application leaves unspent can always go back to its funder.
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
    private final Clock clock;

    Reservations(DataSource dataSource, Journal journal, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.journal = journal;
    }

    /**
     * One part of a set of holds: an amount to hold on one account.
     *
     * @param earmarkUsed how much of the account's earmarked top-ups the hold may use: those of the application it
     *            pays for (at most {@code amount}); other earmarked top-ups are out of its reach
     */
    public record Hold(UUID reservationId, UUID accountId, long amount, long earmarkUsed, String explanation,
            Map<String, Object> inputs) {

        public Hold {
            if (amount <= 0 || earmarkUsed < 0 || earmarkUsed > amount) {
                throw new IllegalArgumentException("A hold is positive and uses at most its amount of earmarked top-ups");
            }
        }
    }

    /**
     * Where a set of holds stands: every part held ({@code created} when by this call), or none, with the accounts
     * whose available balance was short.
     */
    public record Holding(List<Outcome> outcomes, List<UUID> shortAccounts, boolean created) {
    }

    /**
     * Holds {@code amount} on the account, or answers REFUSED when the available balance is short (nothing is
     * written then, so the same id may be tried again later).
     */
    @Transactional(TxType.MANDATORY)
    public Outcome reserve(UUID reservationId, UUID accountId, long amount, String explanation) {
        return reserveAll(List.of(new Hold(reservationId, accountId, amount, 0, explanation, Map.of())))
                .outcomes().get(0);
    }

    /**
     * Holds every part or none. A part fits when the account's available balance (balance − pending), less its
     * earmarked top-ups other than those the part may use, covers it; when one does not, nothing is written (the same
     * ids may be tried again later). When one of the reservations exists already (a redelivery), nothing more is held
     * and the parts are answered as they stand (REFUSED for a part that does not exist).
     */
    @Transactional(TxType.MANDATORY)
    public Holding reserveAll(List<Hold> holds) {
        try (Connection connection = dataSource.getConnection()) {
            Map<UUID, Balance> balances = lock(connection, holds);
            List<Optional<Outcome>> known = holds.stream().map(hold -> find(hold.reservationId())).toList();
            if (known.stream().anyMatch(Optional::isPresent)) {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < holds.size(); i++) {
                    outcomes.add(known.get(i).orElse(refused(holds.get(i))));
                }
                return new Holding(outcomes, List.of(), false);
            }
            Map<UUID, Long> needed = new LinkedHashMap<>();
            for (Hold hold : holds) {
                needed.merge(hold.accountId(), hold.amount() - hold.earmarkUsed(), Math::addExact);
            }
            List<UUID> shortAccounts = needed.entrySet().stream()
                    .filter(need -> balances.get(need.getKey()).free() < need.getValue()).map(Map.Entry::getKey)
                    .toList();
            if (!shortAccounts.isEmpty()) {
                return new Holding(holds.stream().map(Reservations::refused).toList(), shortAccounts, false);
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Hold hold : holds) {
                hold(connection, hold);
                // The hold is applied to the account above; the entry records it with no second effect on it.
                journal.recordApplied(new NewEntry(entryId(hold.reservationId(), Status.PENDING), hold.accountId(),
                        EntryKind.RESERVATION_PENDING, 0, hold.amount(), balances.get(hold.accountId()).unit(),
                        LocalDate.now(clock), null, null, hold.explanation(), hold.inputs(), hold.reservationId(), null));
                outcomes.add(new Outcome(hold.reservationId(), Status.PENDING, hold.amount(), 0));
            }
            return new Holding(outcomes, List.of(), true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reserve funds", e);
        }
    }

    /** What an account can give a new hold: available balance less its earmarked top-ups. */
    private record Balance(long free, Unit unit) {
    }

    /**
     * Locks the accounts of the holds, in id order so that two sets over the same accounts never deadlock: concurrent
     * holds queue on the rows, and what is read here stays true until this transaction ends.
     */
    private static Map<UUID, Balance> lock(Connection connection, List<Hold> holds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, balance - pending - earmarked, unit FROM account WHERE id = ANY (?) ORDER BY id FOR UPDATE""")) {
            select.setArray(1, connection.createArrayOf("uuid", holds.stream().map(Hold::accountId).distinct().toArray()));
            Map<UUID, Balance> balances = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    balances.put(rows.getObject(1, UUID.class), new Balance(rows.getLong(2), Unit.valueOf(rows.getString(3))));
                }
            }
            if (balances.size() != holds.stream().map(Hold::accountId).distinct().count()) {
                throw new IllegalArgumentException("A hold names an account that does not exist");
            }
            return balances;
        }
    }

    private static void hold(Connection connection, Hold hold) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE account SET pending = pending + ?, earmarked = earmarked - ? WHERE id = ?");
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO funds_reservation (id, account_id, amount, status) VALUES (?, ?, ?, 'PENDING')""")) {
            update.setLong(1, hold.amount());
            update.setLong(2, hold.earmarkUsed());
            update.setObject(3, hold.accountId());
            update.executeUpdate();
            insert.setObject(1, hold.reservationId());
            insert.setObject(2, hold.accountId());
            insert.setLong(3, hold.amount());
            insert.executeUpdate();
        }
    }

    private static Outcome refused(Hold hold) {
        return new Outcome(hold.reservationId(), Status.REFUSED, hold.amount(), 0);
    }

    /** The reservation id of an application's part on one of the person's accounts: redeliveries find it. */
    public static UUID forApplication(UUID applicationId, AccountKind kind) {
        return UUID.nameUUIDFromBytes(("application/" + applicationId + "/" + kind).getBytes(StandardCharsets.UTF_8));
    }

    /** Debits the amount due (0 ≤ due ≤ amount held) and frees the reservation. */
    @Transactional(TxType.MANDATORY)
    public Outcome post(UUID reservationId, long amountDue, String explanation, Map<String, Object> inputs) {
        Pending pending = lockPending(reservationId);
        if (pending.outcome != null) {
            return pending.outcome;
        }
        if (amountDue < 0 || amountDue > pending.amount) {
            throw new IllegalArgumentException("The amount due must be between 0 and the amount held");
        }
        journal.append(new NewEntry(entryId(reservationId, Status.POSTED), pending.accountId,
                EntryKind.RESERVATION_POSTED, -amountDue, -pending.amount, pending.unit, LocalDate.now(clock), null, null,
                explanation, inputs, reservationId, null));
        resolve(reservationId, Status.POSTED, amountDue);
        return new Outcome(reservationId, Status.POSTED, pending.amount, amountDue);
    }

    /** Frees the whole reservation. */
    @Transactional(TxType.MANDATORY)
    public Outcome voidReservation(UUID reservationId, String explanation, Map<String, Object> inputs) {
        Pending pending = lockPending(reservationId);
        if (pending.outcome != null) {
            return pending.outcome;
        }
        journal.append(new NewEntry(entryId(reservationId, Status.VOIDED), pending.accountId,
                EntryKind.RESERVATION_VOIDED, 0, -pending.amount, pending.unit, LocalDate.now(clock), null, null,
                explanation, inputs, reservationId, null));
        resolve(reservationId, Status.VOIDED, null);
        return new Outcome(reservationId, Status.VOIDED, pending.amount, 0);
    }

    /** The entry id of a step of a reservation: derived, so a retried step finds the entry it wrote. */
    static UUID entryId(UUID reservationId, Status step) {
        return UUID.nameUUIDFromBytes((reservationId + "/" + step).getBytes(StandardCharsets.UTF_8));
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
