package fr.cpa.ledger.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.HolderFunding;
import fr.cpa.platform.web.security.Caller;

/** What the holder can spend on a training application; the enrolment service asks it with the holder's token. */
@Path("/api/ledger/me/funding")
@RolesAllowed("holder")
@Tag(name = "Accounts", description = "The holder's CPF, CEC and CPP")
public class MyFundingResource {

    private final Caller caller;
    private final HolderFunding funding;
    private final Clock clock;

    MyFundingResource(Caller caller, HolderFunding funding, Clock clock) {
        this.caller = caller;
        this.funding = funding;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What I can spend on a training application (euro cents; CPP in points)",
            description = "cpf.free: CPF balance less holds and every earmarked top-up; cpf.topUps: the top-ups "
                    + "earmarked for applicationId, with what is left of each; cec.available; cpp.points and the "
                    + "value in euro cents of a point used for training today. 404 before the accounts are open.")
    public HolderFunding.Funding funding(@QueryParam("applicationId") UUID applicationId) {
        return funding.of(caller.holderId(), applicationId, LocalDate.now(clock));
    }
}
