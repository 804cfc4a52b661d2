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
import fr.cpa.ledger.domain.rules.CppOtherUses;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * The holder uses CPP points. Only training is a CPF matter: its points become euros on the CPF. Part-time work with
 * kept pay, early retirement and a reconversion project are decided by the pension fund, not by this ledger: they are
 * refused here, with the points the holder could give them and what those buy today.
 */
@Path("/api/ledger/me/cpp/conversions")
@RolesAllowed("holder")
@Tag(name = "CPP", description = "Using the holder's CPP points")
public class CppConversionResource {

    /** {@code use}: training (formation professionnelle), part-time, early-retirement or reconversion. */
    public record ConversionRequest(Long points, String use) {
    }

    private static final String TRAINING = "training";
    private static final List<String> OTHER_USES = List.of("part-time", "early-retirement", "reconversion");

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
            + "part-time, early-retirement and reconversion uses are refused: they are asked of the pension fund, "
            + "and the answer says what the available points would buy")
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
        LocalDate today = LocalDate.now(clock);
        if (OTHER_USES.contains(request.use())) {
            CppOtherUses uses = conversions.otherUses(caller.holderId(), today);
            if ("reconversion".equals(request.use()) && !uses.reconversion()) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "A reconversion project is not a use of CPP "
                        + "points on " + today + ".", List.of(new FieldError("use", "not in force on that date")));
            }
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Only training is credited to the CPF. Part-time work "
                    + "with kept pay, early retirement and a reconversion project are asked of your pension fund "
                    + "(CARSAT, or CGSS overseas), which uses your CPP points directly; "
                    + Unit.POINTS.format(uses.points()) + " of yours are available for those uses (the points "
                    + "reserved for training excepted): " + uses.halfTimeMonths() + " months of half time with kept "
                    + "pay (" + Unit.POINTS.format(uses.halfTimePointsPerBlock().value()) + " = "
                    + uses.halfTimeMonthsPerBlock().value() + " months, " + uses.halfTimeMonthsPerBlock().law()
                    + "), or " + uses.earlyRetirementQuarters()
                    + (uses.earlyRetirementQuarters() == 1 ? " quarter" : " quarters") + " of early retirement ("
                    + Unit.POINTS.format(uses.earlyRetirementPointsPerQuarter().value()) + " = 1 quarter, "
                    + uses.earlyRetirementPointsPerQuarter().law() + ").",
                    List.of(new FieldError("use", "only training moves points to the CPF")));
        }
        if (!TRAINING.equals(request.use())) {
            throw new ProblemException(ProblemType.VALIDATION, "The conversion is invalid.", List.of(
                    new FieldError("use", "must be one of training, part-time, early-retirement, reconversion")));
        }
        return conversions.toCpf(caller.holderId(), request.points(), idempotencyKey, today);
    }
}
