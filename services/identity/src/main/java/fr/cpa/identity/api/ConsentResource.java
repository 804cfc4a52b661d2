package fr.cpa.identity.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.identity.domain.Consents;
import fr.cpa.identity.domain.Holders;
import fr.cpa.identity.persistence.AccessLogEntry;
import fr.cpa.identity.persistence.Consent;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;

/** A holder's grants to advisor agencies, and the log of their accesses. */
@Path("/api/identity/me")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consents", description = "Who else may read my data")
public class ConsentResource {

    public record NewConsent(String advisor, List<String> scopes, Integer durationDays) {
    }

    public record ConsentView(UUID id, String advisor, List<String> scopes, Instant grantedAt, Instant expiresAt,
            Instant revokedAt, boolean live) {
        /** @param now when {@code live} is said of */
        static ConsentView of(Consent consent, Instant now) {
            return new ConsentView(consent.id, consent.advisor, consent.scopeList(), consent.grantedAt,
                    consent.expiresAt, consent.revokedAt, consent.liveAt(now));
        }
    }

    public record AccessView(Instant at, String advisor, String scope, String resource, boolean granted) {
        static AccessView of(AccessLogEntry entry) {
            return new AccessView(entry.at, entry.advisor, entry.scope, entry.resource, entry.granted);
        }
    }

    private final Caller caller;
    private final Consents consents;
    private final Clock clock;

    ConsentResource(Caller caller, Consents consents, Clock clock) {
        this.caller = caller;
        this.consents = consents;
        this.clock = clock;
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant an advisor agency read access to chosen scopes (rights, project, applications, payslips) for a number of days")
    public Response grant(@Valid @NotNull NewConsent body, @Context UriInfo uri) {
        Consent consent = consents.grant(caller.loginId(), body.advisor(), body.scopes(), body.durationDays());
        return Response.created(uri.getAbsolutePathBuilder().path(consent.id.toString()).build())
                .entity(ConsentView.of(consent, clock.instant())).build();
    }

    @GET
    @Path("/consents")
    @Operation(summary = "My grants, live and ended")
    public List<ConsentView> list() {
        return consents.list(caller.loginId()).stream().map(c -> ConsentView.of(c, clock.instant())).toList();
    }

    @DELETE
    @Path("/consents/{consentId}")
    @Operation(summary = "Revoke a grant now")
    public ConsentView revoke(@PathParam("consentId") UUID consentId) {
        return ConsentView.of(consents.revoke(caller.loginId(), consentId), clock.instant());
    }

    @GET
    @Path("/access-log")
    @Operation(summary = "Every advisor access to my data, granted or refused, newest first")
    public Response accessLog(@Valid @BeanParam PageRequest paging, @Context UriInfo uri) {
        UUID holderId = Holders.active(caller.loginId()).id;
        long total = AccessLogEntry.count("holderId", holderId);
        List<AccessView> items = AccessLogEntry.<AccessLogEntry>find("holderId = ?1 order by at desc, id desc", holderId)
                .page(paging.page(), paging.size()).list().stream().map(AccessView::of).toList();
        Page<AccessView> page = Page.of(items, paging, total);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }
}
