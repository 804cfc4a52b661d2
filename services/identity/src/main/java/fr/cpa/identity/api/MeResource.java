package fr.cpa.identity.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import fr.cpa.identity.domain.Closures;
import fr.cpa.identity.domain.Credentials;
import fr.cpa.identity.domain.Holders;
import fr.cpa.identity.domain.Profile;
import fr.cpa.identity.persistence.Holder;

/** The holder's own space: profile, e-mail change, closure. Only the token's holder is ever read or changed. */
@Path("/api/identity/me")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profile", description = "The holder's own profile")
public class MeResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    /** The whole profile: civil-status identity (read-only), contact, situation and preferences. */
    public record HolderView(UUID holderId, String status, Identity identity, String email, boolean franceConnectLinked,
            Instant activatedAt, Profile profile) {
        static HolderView of(Holder holder) {
            return new HolderView(holder.id, holder.status.name(),
                    new Identity(holder.givenNames, holder.birthName, holder.usageName, holder.birthDate,
                            holder.nirTemporary),
                    holder.email, holder.franceConnectLinkedAt != null, holder.activatedAt, Holders.profileOf(holder));
        }
    }

    /** From the civil status; {@code temporaryNir} flags a NIA awaiting the definitive number. */
    public record Identity(String givenNames, String birthName, String usageName, LocalDate birthDate,
            boolean temporaryNir) {
    }

    public record EmailChange(@NotNull String email, @NotNull String emailConfirmation) {
    }

    private final Caller caller;
    private final Holders holders;
    private final Credentials credentials;
    private final Closures closures;

    MeResource(Caller caller, Holders holders, Credentials credentials, Closures closures) {
        this.caller = caller;
        this.holders = holders;
        this.credentials = credentials;
        this.closures = closures;
    }

    @GET
    @Operation(summary = "My profile")
    public HolderView get() {
        return HolderView.of(Holders.active(caller.loginId()));
    }

    @PATCH
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change my profile (JSON merge patch: members present replace, null removes)",
            description = "Changes to status, workplace, regions, branch, diploma level or apprenticeship go out as HolderProfileChanged.")
    public HolderView patch(@NotNull JsonNode patch) throws JsonProcessingException {
        return HolderView.of(holders.patch(caller.loginId(), patch));
    }

    @POST
    @Path("/email-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Change my e-mail address: a link is mailed to the new address")
    public RegistrationResource.Accepted changeEmail(@Valid @NotNull EmailChange change) {
        credentials.requestEmailChange(caller.loginId(), change.email(), change.emailConfirmation());
        return RegistrationResource.Accepted.MAIL;
    }

    @POST
    @Path("/closure")
    @Operation(summary = "Close my online space",
            description = "The login ends; the rights stay with the person and are found again by registering anew through support.")
    public HolderView close() {
        return HolderView.of(closures.closeOwnSpace(caller.loginId()));
    }
}
