package fr.cpa.ledger.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.persistence.Account;
import fr.cpa.ledger.persistence.AccountEntry;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A holder's own accounts; the token's subject is the holder, nobody else's accounts are reachable here. */
@Path("/api/ledger/me/accounts")
@RolesAllowed("holder")
@Tag(name = "Accounts", description = "The holder's CPF, CEC and CPP")
public class MyAccountsResource {

    /** Amounts in the account's unit: minutes, euro cents or points. */
    public record AccountView(String kind, String unit, long balance, long pending, long available) {
        static AccountView of(Account account) {
            return new AccountView(account.kind, account.unit, account.balance, account.pending,
                    account.balance - account.pending);
        }
    }

    // Bounds of an open period, within what the database's date type holds.
    private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final JsonWebToken token;

    MyAccountsResource(JsonWebToken token) {
        this.token = token;
    }

    /** One line of an account's history: what changed, when, and why. */
    public record EntryView(UUID id, String kind, long amount, long pendingAmount, String unit,
            LocalDate effectiveDate, Instant recordedAt, String rule, Integer ruleYear, String explanation,
            Map<String, Object> inputs) {
        static EntryView of(AccountEntry entry) {
            return new EntryView(entry.id, entry.kind, entry.amount, entry.pendingAmount, entry.unit,
                    entry.effectiveDate, entry.recordedAt, entry.rule, entry.ruleYear, entry.explanation, entry.inputs);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My accounts: balance, amount held by open reservations, available balance")
    public List<AccountView> list() {
        List<Account> accounts = Account.ofHolder(holderId());
        if (accounts.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "No accounts yet: they appear once the registration is validated.");
        }
        return accounts.stream().map(AccountView::of).toList();
    }

    @GET
    @Path("/{kind}/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The history of one of my accounts (cpf, cec or cpp), each entry with its explanation and inputs")
    public List<EntryView> entries(@PathParam("kind") String kind, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        String accountKind = kind.toUpperCase(Locale.ROOT);
        if (!List.of("CPF", "CEC", "CPP").contains(accountKind)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The accounts are cpf, cec and cpp.");
        }
        LocalDate start = from == null ? EARLIEST : from;
        LocalDate end = to == null ? LATEST : to;
        if (start.isAfter(end)) {
            throw new ProblemException(ProblemType.VALIDATION, "The period is empty.",
                    List.of(new FieldError("from", "must not be after to")));
        }
        Account account = Account.ofHolder(holderId(), accountKind)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such account yet."));
        return AccountEntry.between(account.id, start, end).stream().map(EntryView::of).toList();
    }

    private UUID holderId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token does not name a holder.");
        }
    }
}
