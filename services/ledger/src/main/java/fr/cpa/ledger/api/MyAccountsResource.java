package fr.cpa.ledger.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.persistence.Account;
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

    private final JsonWebToken token;

    MyAccountsResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My accounts: balance, amount held by open reservations, available balance")
    public List<AccountView> list() {
        UUID holderId;
        try {
            holderId = UUID.fromString(token.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token does not name a holder.");
        }
        List<Account> accounts = Account.ofHolder(holderId);
        if (accounts.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "No accounts yet: they appear once the registration is validated.");
        }
        return accounts.stream().map(AccountView::of).toList();
    }
}
