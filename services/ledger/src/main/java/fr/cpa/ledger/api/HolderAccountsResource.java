package fr.cpa.ledger.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.platform.web.security.AdvisorAccess;
import fr.cpa.platform.web.security.AdvisorRead;

/**
 * A holder's accounts read by an advisor agency, only under the holder's live consent for their rights, checked with
 * the identity service at every request; the same views as the holder's own.
 */
@Path("/api/ledger/holders/{holderId}/accounts")
@RolesAllowed("advisor")
@Tag(name = "Advisors", description = "A holder's accounts read by an advisor with the holder's consent")
public class HolderAccountsResource {

    private final JsonWebToken token;
    private final AdvisorAccess access;
    private final AccountViews views;

    HolderAccountsResource(JsonWebToken token, AdvisorAccess access, AccountViews views) {
        this.token = token;
        this.access = access;
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A holder's accounts, with the holder's live consent (scope rights)")
    public List<AccountViews.AccountView> list(@PathParam("holderId") UUID holderId) {
        access.require(token.getRawToken(), holderId, AdvisorRead.ACCOUNTS);
        return views.accounts(holderId);
    }

    @GET
    @Path("/{kind}/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The history of one of a holder's accounts (cpf, cec or cpp), with the holder's live consent")
    public List<AccountViews.EntryView> entries(@PathParam("holderId") UUID holderId, @PathParam("kind") String kind,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        access.require(token.getRawToken(), holderId, AdvisorRead.ACCOUNT_ENTRIES);
        return views.entries(holderId, kind, from, to);
    }
}
