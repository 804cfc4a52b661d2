package fr.cpa.identity.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import fr.cpa.identity.client.ExportSources;
import fr.cpa.identity.domain.Holders;
import fr.cpa.identity.domain.NirVault;
import fr.cpa.identity.persistence.AccessLogEntry;
import fr.cpa.identity.persistence.Consent;
import fr.cpa.identity.persistence.Holder;

/** The holder's right of access (RGPD article 15): everything the platform holds on them, in one JSON document. */
@Path("/api/identity/me/export")
@RolesAllowed("holder")
@Tag(name = "Profile")
public class ExportResource {

    /** The holder's own NIR is part of what the platform holds on them: it appears here and nowhere else. */
    public record IdentityExport(MeResource.HolderView holder, String nir, String termsVersion, Instant registeredAt,
            List<ConsentResource.ConsentView> consents, List<ConsentResource.AccessView> accessLog) {
    }

    public record Export(Instant exportedAt, IdentityExport identity, Map<String, JsonNode> services, boolean complete) {
    }

    private final Caller caller;
    private final NirVault vault;
    private final ExportSources sources;
    private final Clock clock;

    ExportResource(Caller caller, NirVault vault, ExportSources sources, Clock clock) {
        this.caller = caller;
        this.vault = vault;
        this.sources = sources;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything the platform holds on me, gathered from every service")
    public Response export() {
        Instant now = clock.instant();
        Holder holder = Holders.active(caller.loginId());
        IdentityExport identity = new IdentityExport(MeResource.HolderView.of(holder),
                vault.decrypt(holder.nirEncrypted, holder.id).value(), holder.termsVersion, holder.createdAt,
                Consent.ofHolder(holder.id).stream().map(c -> ConsentResource.ConsentView.of(c, now)).toList(),
                AccessLogEntry.<AccessLogEntry>list("holderId = ?1 order by at desc", holder.id).stream()
                        .map(ConsentResource.AccessView::of).toList());
        Map<String, JsonNode> services = sources.gather(caller.bearer());
        boolean complete = services.values().stream().noneMatch(part -> part.path("unavailable").asBoolean(false));
        return Response.ok(new Export(now, identity, services, complete))
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"cpa-export.json\"")
                .build();
    }
}
