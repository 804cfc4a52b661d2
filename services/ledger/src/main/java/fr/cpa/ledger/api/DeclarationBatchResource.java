package fr.cpa.ledger.api;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.configuration.MemorySize;

import fr.cpa.ledger.domain.DeclarationBatches;
import fr.cpa.ledger.domain.DeclarationBatches.BatchView;
import fr.cpa.ledger.domain.DeclarationBatches.KeyAlreadyUsed;
import fr.cpa.ledger.domain.DeclarationBatches.Receipt;
import fr.cpa.ledger.domain.DeclarationBatches.Status;
import fr.cpa.ledger.domain.Declarations;
import fr.cpa.platform.web.idempotency.IdempotencyKeys;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;
import fr.cpa.platform.web.upload.LimitedBody;
import fr.cpa.platform.web.upload.UploadSlots;

/**
 * Employers send a year's declarations as one CSV file ({@link DeclarationCsv}), recorded in the background under the
 * SIRET of their token. The body is read as a stream on a worker thread (never on the event loop), so a file of a
 * million lines is never held in memory, and with no database connection held while it arrives. Each upload takes
 * one of the service's upload slots (a few per employer, a few more in all) for as long as it is read.
 */
@Path("/api/ledger/declarations/batches")
@RolesAllowed("employer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Declarations", description = "Employers' yearly declarations")
public class DeclarationBatchResource {

    static final String CSV = "text/csv";

    private final Caller caller;
    private final DeclarationBatches batches;
    private final UploadSlots slots;
    private final Clock clock;
    private final long maxBytes;
    private final Duration uploadTimeout;

    DeclarationBatchResource(Caller caller, DeclarationBatches batches, UploadSlots slots, Clock clock,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "cpa.ledger.batches.upload-timeout") Duration uploadTimeout) {
        this.clock = clock;
        this.caller = caller;
        this.batches = batches;
        this.slots = slots;
        this.maxBytes = maxBody.asLongValue();
        this.uploadTimeout = uploadTimeout;
    }

    @POST
    @Consumes(CSV)
    @RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            description = "Header nir,year,hoursWorked,referenceHours,contractType,lowQualified,cppExposures, "
                    + "then one employee-year per line; exposures as NIGHT_WORK:1|NOISE:2")))
    @Operation(summary = "Send a file of declarations (CSV, up to 1,000,000 lines), recorded in the background",
            description = "202 with the batch's address once the file is read whole; each line is checked like a "
                    + "single declaration and a bad line is refused alone. A file without its header is refused "
                    + "whole (400). With an Idempotency-Key, sending the same file again answers the same batch "
                    + "(Idempotent-Replayed: true), another file with that key is refused (422), and while the first "
                    + "is still being read, 409. 429 with Retry-After when the employer already has "
                    + "cpa.web.uploads.per-client uploads being read (or the service cpa.web.uploads.total); 408 "
                    + "when the file has not arrived whole within cpa.ledger.batches.upload-timeout.")
    public Response upload(InputStream file, @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        String siret = caller.siret();
        IdempotencyKeys.checkOptional(idempotencyKey);
        try (UploadSlots.Slot slot = slots.acquire(siret)) {
            LimitedBody body = new LimitedBody(file, maxBytes, uploadTimeout);
            Receipt receipt = batches.receive(new Declarations.Employer(siret, caller.publicEmployer()), idempotencyKey,
                    spool -> DeclarationCsv.read(body, spool, caller.publicEmployer(), LocalDate.now(clock).getYear()));
            if (receipt instanceof KeyAlreadyUsed used) {
                if (used.status() == Status.RECEIVING) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE);
                }
                if (!MessageDigest.isEqual(used.sha256(), DeclarationCsv.sha256(body))) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED);
                }
                return accepted(siret, used.id()).header(Idempotent.REPLAYED_HEADER, "true").build();
            }
            return accepted(siret, ((DeclarationBatches.Received) receipt).id()).build();
        }
    }

    private Response.ResponseBuilder accepted(String siret, UUID id) {
        BatchView view = batches.find(siret, id, new PageRequest(0, PageRequest.DEFAULT_SIZE)).orElseThrow();
        // A relative reference, resolved by the client against the URI it called: right behind the gateway too.
        return Response.accepted(view).header(HttpHeaders.LOCATION, "/api/ledger/declarations/batches/" + id);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Where one of my batches stands: status, counts, and its refused lines page by page",
            description = "Each refused line with its number in the file (the header is line 1) and, per field, "
                    + "why. Never a NIR.")
    public Response status(@PathParam("id") UUID id, @Valid @BeanParam PageRequest paging, @Context UriInfo uri) {
        BatchView view = batches.find(caller.siret(), id, paging)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such batch."));
        return Response.ok(view).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), view.rejections()))
                .build();
    }
}
