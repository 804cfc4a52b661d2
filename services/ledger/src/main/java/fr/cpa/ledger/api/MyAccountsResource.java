package fr.cpa.ledger.api;

import java.time.LocalDate;
import java.util.List;
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

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A holder's own accounts; the token's subject is the holder, nobody else's accounts are reachable here. */
@Path("/api/ledger/me/accounts")
@RolesAllowed("holder")
@Tag(name = "Accounts", description = "The holder's CPF, CEC and CPP")
public class MyAccountsResource {

    private final JsonWebToken token;
    private final AccountViews views;

    MyAccountsResource(JsonWebToken token, AccountViews views) {
        this.token = token;
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My accounts: balance, amount held by open reservations, available balance, the ceiling in "
            + "force and the next expected credit")
    public List<AccountViews.AccountView> list() {
        return views.accounts(holderId(token));
    }

    @GET
    @Path("/{kind}/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The history of one of my accounts (cpf, cec or cpp), each entry with its explanation and inputs")
    public List<AccountViews.EntryView> entries(@PathParam("kind") String kind, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        return views.entries(holderId(token), kind, from, to);
    }

    /** The holder named by a holder's token. */
    static UUID holderId(JsonWebToken token) {
        try {
            return UUID.fromString(token.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This token does not name a holder.");
        }
    }
}
