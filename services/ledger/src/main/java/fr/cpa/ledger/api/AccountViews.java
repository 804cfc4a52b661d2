package fr.cpa.ledger.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.ledger.domain.AccountKind;
import fr.cpa.ledger.domain.Outlooks;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.ledger.persistence.Account;
import fr.cpa.ledger.persistence.AccountEntry;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * A holder's accounts and their history as answered to whoever may read them: the holder themself, or an advisor
 * with their live consent. The callers decide who may; this class only says what there is.
 */
@ApplicationScoped
public class AccountViews {

    /**
     * Amounts in the account's unit: minutes, euro cents or points.
     *
     * @param toppedUp the part of the balance from top-ups, which no ceiling counts
     */
    public record AccountView(String kind, String unit, long balance, long pending, long available, long toppedUp,
            Outlooks.Ceiling ceiling, Outlooks.NextCredit nextCredit) {
    }

    /** One line of an account's history: what changed, when, and why; a conversion names its other half. */
    public record EntryView(UUID id, String kind, long amount, long pendingAmount, String unit,
            LocalDate effectiveDate, Instant recordedAt, String rule, Integer ruleYear, String explanation,
            Map<String, Object> inputs, UUID linkedEntryId) {
        static EntryView of(AccountEntry entry) {
            return new EntryView(entry.id, entry.kind, entry.amount, entry.pendingAmount, entry.unit,
                    entry.effectiveDate, entry.recordedAt, entry.rule, entry.ruleYear, entry.explanation, entry.inputs,
                    entry.linkedEntryId);
        }
    }

    // Bounds of an open period, within what the database's date type holds.
    private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final Outlooks outlooks;
    private final Clock clock;

    AccountViews(Outlooks outlooks, Clock clock) {
        this.outlooks = outlooks;
        this.clock = clock;
    }

    /**
     * The holder's three accounts with their ceilings and next credits; 404 before the registration is linked. One
     * transaction: every read uses its one connection (a request holding two would starve the pool under load) and
     * sees one state of the accounts.
     */
    @Transactional
    public List<AccountView> accounts(UUID holderId) {
        List<Account> accounts = Account.ofHolder(holderId);
        if (accounts.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "No accounts yet: they appear once the registration is validated.");
        }
        Map<AccountKind, Outlooks.Outlook> outlook = outlooks.of(accounts.get(0).personKey,
                accounts.stream().map(AccountViews::state).toList(), LocalDate.now(clock));
        return accounts.stream().map(a -> {
            Outlooks.Outlook o = outlook.get(AccountKind.valueOf(a.kind));
            return new AccountView(a.kind, a.unit, a.balance, a.pending, a.balance - a.pending, a.toppedUp,
                    o.ceiling(), o.nextCredit());
        }).toList();
    }

    /** The history of one account (cpf, cec or cpp) over a period, both ends optional and inclusive. */
    @Transactional
    public List<EntryView> entries(UUID holderId, String kind, LocalDate from, LocalDate to) {
        Account account = account(holderId, kind);
        LocalDate start = from == null ? EARLIEST : from;
        LocalDate end = to == null ? LATEST : to;
        if (start.isAfter(end)) {
            throw new ProblemException(ProblemType.VALIDATION, "The period is empty.",
                    List.of(new FieldError("from", "must not be after to")));
        }
        return AccountEntry.between(account.id, start, end).stream().map(EntryView::of).toList();
    }

    /** The holder's account of that kind, as named in a path (cpf, cec or cpp). */
    public static Account account(UUID holderId, String kind) {
        String accountKind = kind.toUpperCase(Locale.ROOT);
        if (!List.of("CPF", "CEC", "CPP").contains(accountKind)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The accounts are cpf, cec and cpp.");
        }
        return Account.ofHolder(holderId, accountKind)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such account yet."));
    }

    static Outlooks.AccountState state(Account account) {
        return new Outlooks.AccountState(account.id, AccountKind.valueOf(account.kind), Unit.valueOf(account.unit),
                account.balance, account.toppedUp, account.birthDate, account.closedOn);
    }
}
