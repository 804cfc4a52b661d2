package fr.cpa.ledger.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.platform.web.security.Caller;

/** A holder's own accounts; the token's subject is the holder, nobody else's accounts are reachable here. */
@Path("/api/ledger/me/accounts")
@RolesAllowed("holder")
@Tag(name = "Accounts", description = "The holder's CPF, CEC and CPP")
public class MyAccountsResource {

    private final Caller caller;
    private final AccountViews views;

    MyAccountsResource(Caller caller, AccountViews views) {
        this.caller = caller;
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My accounts: balance, amount held by open reservations, available balance, the ceiling in "
            + "force and the next expected credit")
    public List<AccountViews.AccountView> list() {
        return views.accounts(caller.holderId());
    }

    @GET
    @Path("/{kind}/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The history of one of my accounts (cpf, cec or cpp), each entry with its explanation and inputs")
    public List<AccountViews.EntryView> entries(@PathParam("kind") String kind, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        return views.entries(caller.holderId(), kind, from, to);
    }
}
