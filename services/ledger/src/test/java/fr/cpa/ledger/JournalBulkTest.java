package fr.cpa.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Accounts;
import fr.cpa.ledger.domain.EntryKind;
import fr.cpa.ledger.domain.Journal;
import fr.cpa.ledger.domain.NewEntry;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.testing.LocalStackResource;

/** The bulk journal write the accrual uses: every entry once, balances equal to the journal, texts kept intact. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class JournalBulkTest {

    @Inject
    Accounts accounts;

    @Inject
    Journal journal;

    @Inject
    DataSource dataSource;

    @Test
    void aBulkAppendWritesEachEntryOnceAndKeepsBalancesEqualToTheJournal() {
        List<String> persons = new ArrayList<>();
        List<NewEntry> entries = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String person = "test-bulk-" + UUID.randomUUID();
            persons.add(person);
            UUID cpf = QuarkusTransaction.requiringNew().call(() -> accounts.open(person).get(AccountKind.CPF));
            for (int e = 0; e < 5; e++) {
                // Texts CSV must quote: commas, quotes, new lines, an empty rule.
                entries.add(NewEntry.of(UUID.randomUUID(), cpf, EntryKind.YEARLY_CREDIT, 100 + e, Unit.MINUTES,
                        LocalDate.of(2016, 12, 31), e == 0 ? "" : "cpf.private.hours", 2016,
                        "24 h au titre de 2016 : \"temps plein\",\nplafond 150 h", Map.of("note", "a, \"b\"")));
            }
        }
        Set<UUID> first = QuarkusTransaction.requiringNew().call(() -> journal.appendAll(entries));
        assertEquals(100, first.size());

        // A retry with ten more: only those are written, and balances move by them only.
        List<NewEntry> retried = new ArrayList<>(entries);
        UUID lastCpf = entries.get(entries.size() - 1).accountId();
        for (int e = 0; e < 10; e++) {
            retried.add(NewEntry.of(UUID.randomUUID(), lastCpf, EntryKind.TOP_UP, 1, Unit.MINUTES,
                    LocalDate.of(2017, 1, 1), null, null, "ajout", Map.of()));
        }
        Set<UUID> second = QuarkusTransaction.requiringNew().call(() -> journal.appendAll(retried));
        assertEquals(10, second.size());

        LedgerState state = new LedgerState(dataSource);
        persons.forEach(state::assertConsistent);
        assertEquals(100 + 101 + 102 + 103 + 104 + 10, state.of(persons.get(19), "CPF").balance());
        assertEquals(1, state.count("""
                SELECT count(*) FROM account_entry WHERE id = ?::uuid AND rule = '' AND inputs->>'note' = 'a, "b"'
                AND explanation = '24 h au titre de 2016 : "temps plein",' || chr(10) || 'plafond 150 h'""",
                entries.get(0).id().toString()));
    }
}
