package fr.cpa.identity.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.identity.domain.NirReencryption;

/** Operators finish a NIR key rotation: every stored NIR rewritten under the current key (docs/operations.md). */
@Path("/api/identity/operations/nir-reencryptions")
@RolesAllowed("operator")
@Tag(name = "Operations")
public class NirKeyResource {

    private final NirReencryption reencryption;

    NirKeyResource(NirReencryption reencryption) {
        this.reencryption = reencryption;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-encrypt every stored NIR not bound to its holder under the current key version",
            description = "Runs now, 500 holders per transaction, and answers when done: how many were rewritten, how"
                    + " many no key of the ring opens, and how many remain not under the current key (0: the older"
                    + " keys can be removed). Posting again resumes an interrupted run and rewrites nothing twice.")
    public NirReencryption.Run run() {
        return reencryption.run();
    }
}
