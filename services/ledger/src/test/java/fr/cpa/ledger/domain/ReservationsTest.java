package fr.cpa.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.testing.LocalStackResource;

/** Two-phase reservations on the real database: never below zero, every step idempotent, the journal adds up. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ReservationsTest {

    @Inject
    Accounts accounts;

    @Inject
    Journal journal;

    @Inject
    Reservations reservations;

    @Inject
    DataSource dataSource;

    private UUID cecWith(long minutes) {
        String personKey = "test-" + UUID.randomUUID();
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID account = accounts.open(personKey).get(AccountKind.CEC);
            journal.append(NewEntry.of(UUID.randomUUID(), account, EntryKind.YEARLY_CREDIT, minutes,
                    Unit.MINUTES, LocalDate.of(2018, 12, 31), "test", 2018, "crédit de test", Map.of()));
            return account;
        });
    }

    @Test
    void aHundredConcurrentReservationsNeverTakeMoreThanTheBalance() throws Exception {
        UUID account = cecWith(1000);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservations.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            Callable<Reservations.Outcome> reserve = () -> {
                start.await();
                return QuarkusTransaction.requiringNew().call(() -> reservations.reserve(id, account, 50, "test"));
            };
            outcomes.add(pool.submit(reserve));
        }
        start.countDown();
        List<Reservations.Outcome> held = new ArrayList<>();
        int refused = 0;
        for (Future<Reservations.Outcome> outcome : outcomes) {
            Reservations.Outcome o = outcome.get();
            if (o.status() == Reservations.Status.PENDING) {
                held.add(o);
            } else {
                assertEquals(Reservations.Status.REFUSED, o.status());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(20, held.size(), "1000 minutes hold exactly twenty reservations of 50");
        assertEquals(80, refused);
        assertTotals(account, 1000, 1000);

        // Ten are posted for less than was held, ten are voided.
        for (int i = 0; i < 10; i++) {
            UUID id = held.get(i).reservationId();
            QuarkusTransaction.requiringNew().run(() -> reservations.post(id, 30, "formation suivie", Map.of()));
        }
        for (int i = 10; i < 20; i++) {
            UUID id = held.get(i).reservationId();
            QuarkusTransaction.requiringNew().run(() -> reservations.voidReservation(id, "annulée", Map.of()));
        }
        assertTotals(account, 700, 0);

        // Retries of every step answer the first outcome and write nothing.
        UUID posted = held.get(0).reservationId();
        UUID voided = held.get(10).reservationId();
        assertEquals(Reservations.Status.POSTED,
                QuarkusTransaction.requiringNew().call(() -> reservations.post(posted, 50, "retry", Map.of())).status());
        assertEquals(30, QuarkusTransaction.requiringNew().call(() -> reservations.post(posted, 50, "retry", Map.of())).postedAmount());
        assertEquals(Reservations.Status.VOIDED,
                QuarkusTransaction.requiringNew().call(() -> reservations.voidReservation(voided, "retry", Map.of())).status());
        assertEquals(Reservations.Status.POSTED,
                QuarkusTransaction.requiringNew().call(() -> reservations.reserve(posted, account, 50, "retry")).status());
        assertTotals(account, 700, 0);
        assertEquals(1 + 20 + 20, entries(account), "one credit, twenty holds, ten posts and ten voids");
    }

    @Test
    void aPostCannotTakeMoreThanWasHeldNorAnEntryMakeTheBalanceNegative() {
        UUID account = cecWith(100);
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> reservations.reserve(id, account, 60, "test"));
        assertThrows(IllegalArgumentException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> reservations.post(id, 61, "test", Map.of())));
        assertThrows(InsufficientFundsException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                journal.append(NewEntry.of(UUID.randomUUID(), account, EntryKind.CORRECTION, -41,
                        Unit.MINUTES, LocalDate.now(), "test", null, "correction", Map.of()))));
        assertTotals(account, 100, 60);
        assertThrows(UnknownReservationException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> reservations.voidReservation(UUID.randomUUID(), "x", Map.of())));
    }

    @Test
    void theJournalIsAppendOnlyAndAnEntryIsWrittenOnce() throws SQLException {
        UUID account = cecWith(10);
        UUID entry = UUID.randomUUID();
        NewEntry credit = NewEntry.of(entry, account, EntryKind.YEARLY_CREDIT, 5, Unit.MINUTES,
                LocalDate.of(2017, 12, 31), "test", 2017, "crédit", Map.of("year", 2017));
        assertEquals(true, QuarkusTransaction.requiringNew().call(() -> journal.append(credit)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> journal.append(credit)), "a retried entry is skipped");
        assertTotals(account, 15, 0);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE account_entry SET amount = 0 WHERE id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM account_entry WHERE id = ?")) {
            update.setObject(1, entry);
            assertThrows(SQLException.class, update::executeUpdate);
            delete.setObject(1, entry);
            assertThrows(SQLException.class, delete::executeUpdate);
        }
    }

    /** The materialised totals equal the journal's sums, and are what is expected. */
    private void assertTotals(UUID account, long balance, long pending) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT a.balance, a.pending, coalesce(sum(e.amount), 0), coalesce(sum(e.pending_amount), 0)
                        FROM account a LEFT JOIN account_entry e ON e.account_id = a.id
                        WHERE a.id = ? GROUP BY a.balance, a.pending""")) {
            select.setObject(1, account);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertEquals(balance, row.getLong(1), "balance");
                assertEquals(pending, row.getLong(2), "pending");
                assertEquals(row.getLong(1), row.getLong(3), "balance = sum of the journal");
                assertEquals(row.getLong(2), row.getLong(4), "pending = sum of the journal's pending amounts");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int entries(UUID account) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM account_entry WHERE account_id = ?")) {
            select.setObject(1, account);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
