package fr.cpa.catalogue.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;

import fr.cpa.catalogue.domain.Certifications;
import fr.cpa.catalogue.domain.OfferImports;
import fr.cpa.catalogue.domain.OfferImports.KeyAlreadyUsed;
import fr.cpa.catalogue.domain.OfferImports.Outcome;
import fr.cpa.catalogue.domain.OfferImports.Rejection;
import fr.cpa.catalogue.domain.OfferImports.Report;
import fr.cpa.catalogue.domain.OfferImports.Started;
import fr.cpa.catalogue.domain.Offers;
import fr.cpa.catalogue.domain.Organisations;
import fr.cpa.platform.web.idempotency.IdempotencyKeys;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;
import fr.cpa.platform.web.upload.LimitedBody;
import fr.cpa.platform.web.upload.UploadSlots;

/**
 * Training organisations send their offers as one LHEO file (ADR 16), under the SIRET of their token. The body is
 * read as a stream on a worker thread, validated against the LHEO 2.3 schema as it is read, and each formation is
 * checked like an offer of the JSON API and written in its own transaction as soon as it has been read, so no
 * database connection is held while the body arrives. Each import takes one of the service's upload slots (a few per
 * organisation, a few more in all) for as long as it is read. The answer is the import's report, kept for the
 * organisation, its rejected formations page by page.
 */
@Path("/api/catalogue/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Training offers sent as LHEO files")
public class ImportResource {

    private static final Logger LOG = Logger.getLogger(ImportResource.class);
    private static final int MAX_NUMERO = 100;

    private final Caller caller;
    private final OfferImports imports;
    private final Offers offers;
    private final Organisations organisations;
    private final Certifications certifications;
    private final LheoReader lheo;
    private final UploadSlots slots;
    private final long maxBytes;
    private final Duration uploadTimeout;

    ImportResource(Caller caller, OfferImports imports, Offers offers, Organisations organisations,
            Certifications certifications, UploadSlots slots,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "cpa.catalogue.import.upload-timeout") Duration uploadTimeout,
            @ConfigProperty(name = "cpa.catalogue.import.default-seats") int defaultSeats,
            @ConfigProperty(name = "cpa.catalogue.import.in-working-time") boolean inWorkingTime) {
        this.caller = caller;
        this.imports = imports;
        this.offers = offers;
        this.organisations = organisations;
        this.certifications = certifications;
        this.lheo = new LheoReader(LheoReader.Lazy.SCHEMA, defaultSeats, inWorkingTime);
        this.slots = slots;
        this.maxBytes = maxBody.asLongValue();
        this.uploadTimeout = uploadTimeout;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    @RolesAllowed("training-org")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING,
            description = "An LHEO 2.3 (or 2.2) file: lheo → offres → formation → action → session")))
    @Operation(summary = "Import my offers from an LHEO file (up to 100 MB)",
            description = "201 with the report: formations read, created, updated (matched by their LHEO numero), "
                    + "and the first page of the rejected formations, each with its rank, numero, line and, per "
                    + "field, why (the first 1,000 are kept, errorsTruncated tells there were more; at most 50 "
                    + "errors per formation). A formation is checked like an offer of POST /api/catalogue/offers and "
                    + "written in its own transaction. 400 naming the line when the file is not well-formed, not "
                    + "valid against the LHEO 2.3 schema outside a formation, nested more than 32 elements deep, or "
                    + "declares a DTD or entities (refused). 409 when the organisation has not described itself "
                    + "yet. With an Idempotency-Key, the same file again answers the same report "
                    + "(Idempotent-Replayed: true) and another file with that key is refused (422). 429 with "
                    + "Retry-After when the organisation already has cpa.web.uploads.per-client imports being read "
                    + "(or the service cpa.web.uploads.total); 408 when the file has not arrived whole within "
                    + "cpa.catalogue.import.upload-timeout.")
    public Response upload(InputStream file, @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        String siret = caller.siret();
        IdempotencyKeys.checkOptional(idempotencyKey);
        try (UploadSlots.Slot slot = slots.acquire(siret)) {
            return read(siret, new LimitedBody(file, maxBytes, uploadTimeout), idempotencyKey);
        }
    }

    private Response read(String siret, LimitedBody file, String idempotencyKey) {
        if (organisations.find(siret).isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Describe the organisation (PUT /api/catalogue/organisations/{siret}) before its offers.");
        }
        OfferImports.Start start = imports.start(siret, idempotencyKey);
        if (start instanceof KeyAlreadyUsed used) {
            return replay(siret, used, file);
        }
        UUID id = ((Started) start).id();
        Run run = new Run(siret, offers.regionCodes());
        MessageDigest sha256 = LimitedBody.sha256();
        try (InputStream body = new DigestInputStream(file, sha256)) {
            // The parser closes what it reads at the end of the document; the rest of the body is still hashed.
            lheo.read(new FilterInputStream(body) {
                @Override
                public void close() {
                    // the body is closed below
                }
            }, run::formation);
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            imports.abandon(id);
            throw unreadable();
        } catch (ProblemException e) {
            imports.abandon(id);
            if (run.written() > 0) {
                throw new ProblemException(e.type(), e.detail() + " The " + run.written() + " formations before it "
                        + "were imported; the corrected file, sent again, updates them.", e.errors());
            }
            throw e;
        } catch (RuntimeException e) {
            imports.abandon(id);
            throw e;
        }
        Report report = imports.finish(siret, id, sha256.digest(), run.read, run.created, run.updated,
                run.rejected, run.rejections);
        return Response.created(URI.create("/api/catalogue/imports/" + id)).entity(report).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("training-org")
    @Operation(summary = "The report of one of my imports, its rejected formations page by page",
            description = "Counts, and each rejected formation with its rank, numero, line and reasons (page, size, "
                    + "Link header). 404 for another organisation's import.")
    public Response get(@PathParam("id") UUID id, @Valid @BeanParam PageRequest paging, @Context UriInfo uri) {
        Report report = imports.find(caller.siret(), id, paging)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such import."));
        return Response.ok(report).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), report.rejections()))
                .build();
    }

    private Response replay(String siret, KeyAlreadyUsed used, LimitedBody file) {
        if (used.status() != OfferImports.Status.DONE) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE);
        }
        byte[] sha256;
        try {
            sha256 = LimitedBody.sha256(file, Long.MAX_VALUE);
        } catch (IOException e) {
            throw unreadable();
        }
        if (!MessageDigest.isEqual(used.sha256(), sha256)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED);
        }
        Report report = imports.find(siret, used.id(), new PageRequest(0, PageRequest.DEFAULT_SIZE)).orElseThrow();
        return Response.created(URI.create("/api/catalogue/imports/" + used.id())).entity(report)
                .header(Idempotent.REPLAYED_HEADER, "true").build();
    }

    /** One import: each formation checked, then written or rejected. */
    private final class Run {
        final String siret;
        final Set<String> regionCodes;
        final Set<String> numeros = new HashSet<>();
        /** The first rejected formations, kept for the report; {@link #rejected} counts them all. */
        final List<Rejection> rejections = new ArrayList<>();
        int rejected;
        int read;
        int created;
        int updated;

        Run(String siret, Set<String> regionCodes) {
            this.siret = siret;
            this.regionCodes = regionCodes;
        }

        int written() {
            return created + updated;
        }

        void formation(LheoReader.Formation formation) {
            read++;
            List<FieldError> errors = new ArrayList<>(formation.schemaErrors());
            String numero = formation.numero() == null ? null : formation.numero().strip();
            if (numero == null || numero.isEmpty()) {
                errors.add(new FieldError("numero", "is required: a later import finds the formation by it"));
            } else if (numero.length() > MAX_NUMERO) {
                errors.add(new FieldError("numero", "must be at most " + MAX_NUMERO + " characters"));
            } else if (!numeros.add(numero)) {
                errors.add(new FieldError("numero", "is the numero of an earlier formation of the file"));
            }
            errors.addAll(offerErrors(formation));
            if (!errors.isEmpty()) {
                reject(formation, numero, errors);
                return;
            }
            try {
                Outcome outcome = imports.upsert(siret, numero, formation.offer(), formation.formacodes(),
                        formation.romes());
                if (outcome == Outcome.CREATED) {
                    created++;
                } else {
                    updated++;
                }
            } catch (ProblemException e) {
                reject(formation, numero, e.errors().isEmpty() ? List.of(new FieldError(null, e.detail()))
                        : translate(e.errors()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Formation %d of an import could not be written", formation.position());
                reject(formation, numero, List.of(new FieldError(null,
                        "could not be written; send the file again later")));
            }
        }

        /** What the JSON API would refuse, named by LHEO paths; what could not be read wins over "is required". */
        private List<FieldError> offerErrors(LheoReader.Formation formation) {
            boolean certificationExists = certifications.exists(formation.offer().certificationCode());
            List<FieldError> errors = new ArrayList<>(formation.readErrors());
            Set<String> unreadable = formation.readErrors().stream().map(FieldError::field)
                    .collect(Collectors.toSet());
            OfferValidation.errors(formation.offer(), certificationExists, regionCodes).stream()
                    .filter(error -> !unreadable.contains(error.field()))
                    .forEach(errors::add);
            return translate(errors);
        }

        private void reject(LheoReader.Formation formation, String numero, List<FieldError> errors) {
            rejected++;
            if (rejections.size() == OfferImports.MAX_REJECTIONS) {
                return;
            }
            List<FieldError> kept = errors;
            if (errors.size() > LheoReader.MAX_FORMATION_ERRORS) {
                kept = new ArrayList<>(errors.subList(0, LheoReader.MAX_FORMATION_ERRORS));
                kept.add(new FieldError(null, "has more errors, not listed (at most "
                        + LheoReader.MAX_FORMATION_ERRORS + " are listed per formation)"));
            }
            rejections.add(new Rejection(formation.position(), numero, formation.line(), kept));
        }
    }

    private static List<FieldError> translate(List<FieldError> errors) {
        return errors.stream().map(error -> new FieldError(LheoFields.of(error.field()), error.reason())).toList();
    }

    private static ProblemException unreadable() {
        return new ProblemException(ProblemType.BAD_REQUEST, "The file could not be read to its end.");
    }
}
