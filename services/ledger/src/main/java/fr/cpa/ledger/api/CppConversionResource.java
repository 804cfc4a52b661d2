package fr.cpa.ledger.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import fr.cpa.ledger.domain.CppConversions;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * The holder uses CPP points. Only training is a CPF matter: its points become euros on the CPF. Part-time work with
 * kept pay and early retirement are decided by the pension fund, not by this ledger: they are refused here, with the
 * points the holder could give them.
 */
@Path("/api/ledger/me/cpp/conversions")
@RolesAllowed("holder")
@Tag(name = "CPP", description = "Using the holder's CPP points")
public class CppConversionResource {

    /** {@code use}: training (formation professionnelle), part-time or early-retirement. */
    public record ConversionRequest(Long points, String use) {
    }

    private static final String TRAINING = "training";
    private static final List<String> OTHER_USES = List.of("part-time", "early-retirement");

    private final Caller caller;
    private final CppConversions conversions;
    private final Clock clock;

    CppConversionResource(Caller caller, CppConversions conversions, Clock clock) {
        this.caller = caller;
        this.conversions = conversions;
        this.clock = clock;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Convert CPP points into euros on my CPF for training (Idempotency-Key required); "
            + "part-time and early-retirement uses are refused: they are asked of the pension fund")
    public CppConversions.Conversion convert(ConversionRequest request,
            @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        if (request == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The conversion is missing.",
                    List.of(new FieldError("points", "is required")));
        }
        if (request.points() == null || request.points() <= 0) {
            throw new ProblemException(ProblemType.VALIDATION, "The conversion is invalid.",
                    List.of(new FieldError("points", "must be a whole number of points, at least 1")));
        }
        if (OTHER_USES.contains(request.use())) {
            long available = conversions.availableForOtherUses(caller.holderId());
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Only training is credited to the CPF. Part-time work "
                    + "and early retirement are asked of your pension fund (CARSAT, or CGSS overseas), which uses your CPP "
                    + "points directly; " + Unit.POINTS.format(available)
                    + " of yours are available for those uses (the points reserved for training excepted).",
                    List.of(new FieldError("use", "only training moves points to the CPF")));
        }
        if (!TRAINING.equals(request.use())) {
            throw new ProblemException(ProblemType.VALIDATION, "The conversion is invalid.", List.of(
                    new FieldError("use", "must be one of training, part-time, early-retirement")));
        }
        return conversions.toCpf(caller.holderId(), request.points(), idempotencyKey,
                LocalDate.now(clock));
    }
}
