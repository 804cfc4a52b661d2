package fr.cpa.ledger.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.runtime.configuration.MemorySize;

import fr.cpa.ledger.domain.Difs;
import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/** The holder's former DIF hours and the employer's statement justifying them. */
@Path("/api/ledger/me/dif")
@RolesAllowed("holder")
@Tag(name = "DIF", description = "Former DIF hours entered by the holder on their CPF")
public class DifResource {

    /** The file types accepted, known by their first bytes (the declared type is not trusted). */
    private enum FileType {
        PDF("application/pdf", new byte[] { '%', 'P', 'D', 'F', '-' }),
        PNG("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }),
        JPEG("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF });

        final String mediaType;
        final byte[] magic;

        FileType(String mediaType, byte[] magic) {
            this.mediaType = mediaType;
            this.magic = magic;
        }

        static FileType of(byte[] content) {
            return Arrays.stream(values())
                    .filter(t -> content.length >= t.magic.length
                            && Arrays.equals(Arrays.copyOf(content, t.magic.length), t.magic))
                    .findFirst().orElse(null);
        }
    }

    private static final int MAX_DECIMALS = 2;
    private static final int MAX_NAME = 255;

    private final Caller caller;
    private final Difs difs;
    private final Clock clock;
    private final MemorySize maxFileSize;

    DifResource(Caller caller, Difs difs, Clock clock,
            @ConfigProperty(name = "cpa.ledger.dif.justification-max-size") MemorySize maxFileSize) {
        this.caller = caller;
        this.difs = difs;
        this.clock = clock;
        this.maxFileSize = maxFileSize;
    }

    @PUT
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter or change my DIF hours (form fields: hours, justification: a PDF, PNG or JPEG file); "
            + "possible while the DIF is usable and until the hours are first used")
    public Difs.DifView put(@RestForm("hours") String hours, @RestForm("justification") FileUpload justification) {
        BigDecimal parsed = hours(hours);
        Difs.Justification file = file(justification);
        if (parsed == null || file == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The DIF is incomplete.", List.of(
                    new FieldError(parsed == null ? "hours" : "justification", "is required")));
        }
        return difs.enter(caller.holderId(), parsed, file, LocalDate.now(clock));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My DIF as entered, what it is worth on my CPF, and whether it is used")
    public Difs.DifView get() {
        return difs.find(caller.holderId())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No DIF hours entered."));
    }

    @GET
    @Path("/justification")
    @Produces({ "application/pdf", "image/png", "image/jpeg", "application/problem+json" })
    @Operation(summary = "The justification file of my DIF")
    public Response justification() {
        Difs.Justification file = difs.justification(caller.holderId())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No DIF hours entered."));
        String extension = file.type().substring(file.type().indexOf('/') + 1);
        return Response.ok(file.content(), file.type())
                .header("Content-Disposition", "attachment; filename=\"dif-justification." + extension + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Hours with at most two decimals, or null when absent; 400 when unreadable. */
    private static BigDecimal hours(String hours) {
        if (hours == null || hours.isBlank()) {
            return null;
        }
        String reason = "must be a number of hours, not negative, with at most two decimals (e.g. 85.5)";
        try {
            BigDecimal value = Decimals.parse(hours.trim());
            if (value.signum() >= 0 && value.stripTrailingZeros().scale() <= MAX_DECIMALS) {
                return value.setScale(MAX_DECIMALS);
            }
        } catch (InvalidDecimalException e) {
            reason = e.reason(reason);
        }
        throw new ProblemException(ProblemType.VALIDATION, "The DIF hours are invalid.",
                List.of(new FieldError("hours", reason)));
    }

    private Difs.Justification file(FileUpload upload) {
        if (upload == null || upload.size() == 0) {
            return null;
        }
        if (upload.size() > maxFileSize.asLongValue()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The justification is too large.", List.of(
                    new FieldError("justification", "must be at most " + maxFileSize.asLongValue() / (1024 * 1024)
                            + " MB")));
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(upload.uploadedFile())) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The justification could not be read.");
        }
        FileType type = FileType.of(content);
        if (type == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The justification is not a PDF, PNG or "
                    + "JPEG file.", List.of(new FieldError("justification", "must be a PDF, PNG or JPEG file")));
        }
        String name = upload.fileName();
        return new Difs.Justification(content, type.mediaType,
                name == null || name.isBlank() ? null : name.substring(0, Math.min(name.length(), MAX_NAME)));
    }
}
