package fr.cpa.ledger.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.CecDeclarations;
import fr.cpa.ledger.domain.CecDeclarations.CecDeclarationView;
import fr.cpa.ledger.domain.rules.CecActivity;
import fr.cpa.ledger.domain.rules.CecActivity.Measure;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * The bodies that certify civic-engagement activities declare them per person and year: a funder whose token names
 * the one activity it certifies (claim {@code cec_activity}) declares only that one; an operator any. The declarer
 * is the body's organisation (claim {@code organisation}), shared by all its clients; an operator's declarations are
 * its client's. A declaration is read back by its declarer or an operator only.
 */
@Path("/api/ledger/cec-declarations")
@RolesAllowed({ "funder", "operator" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CEC declarations", description = "Civic-engagement activities declared by the bodies that certify them")
public class CecDeclarationResource {

    /** The first year the CEC credits: when its first credit rule came into force. */
    static final int FIRST_YEAR = RuleBook.load("rules/cec.json").parameter("cec-hours-credit")
            .values().get(0).from().getYear();
    private static final String OPERATOR = "operator";
    private static final String ACTIVITY_CLAIM = "cec_activity";

    /**
     * @param measure in the activity's measure: months, days, years of commitment or shifts (whole numbers), and for
     *        volunteering hours with at most two decimals
     * @param secondMeasure volunteering: hours in the single association with the most; police reserve: shifts in
     *        the year; absent (or 0) for the other activities
     */
    public record CecDeclarationRequest(String nir, int year, CecActivity activity, BigDecimal measure,
            BigDecimal secondMeasure) {
        @Override
        public String toString() {
            return "CecDeclarationRequest[***]";
        }
    }

    private final Caller caller;
    private final CecDeclarations declarations;
    private final Clock clock;

    CecDeclarationResource(Caller caller, CecDeclarations declarations, Clock clock) {
        this.clock = clock;
        this.caller = caller;
        this.declarations = declarations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a person's civic-engagement activity for a year; a later one from the same body replaces it",
            description = "201 for a first declaration, 200 when it replaces one (revision + 1). A funder may declare "
                    + "only the activity its token names (403 otherwise). The NIR is never answered back.")
    public Response declare(@Valid @NotNull CecDeclarationRequest request) {
        String declarer = declarer();
        if (!caller.hasRole(OPERATOR)) {
            String certified = caller.claim(ACTIVITY_CLAIM);
            if (certified == null) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "This funder's token names no civic-engagement activity it certifies.");
            }
            if (request.activity() != null && !request.activity().name().equals(certified)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This body certifies " + certified + " only.");
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Nir nir = DeclarationValidation.nir(request.nir(), errors);
        DeclarationValidation.year(request.year(), FIRST_YEAR, LocalDate.now(clock).getYear(), errors);
        long measure = 0;
        long secondMeasure = 0;
        CecActivity activity = request.activity();
        if (activity == null) {
            errors.add(new FieldError("activity", "is required"));
        } else {
            measure = measure("measure", activity.measure(), request.measure(), errors);
            if (activity.secondMeasure() == null) {
                if (request.secondMeasure() != null && request.secondMeasure().signum() != 0) {
                    errors.add(new FieldError("secondMeasure", "must be absent: this activity has a single measure"));
                }
            } else {
                secondMeasure = measure("secondMeasure", activity.secondMeasure(), request.secondMeasure(), errors);
                if (activity == CecActivity.BENEVOLAT_ASSOCIATIF && secondMeasure > measure) {
                    errors.add(new FieldError("secondMeasure",
                            "must not exceed measure: the hours in one association are part of the total"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The declaration is invalid.", errors);
        }
        CecDeclarations.Saved saved = declarations.save(declarer, nir, request.year(), activity, measure,
                secondMeasure);
        return Response.status(saved.revision() == 1 ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One CEC declaration: its declarer's, or any for an operator")
    public CecDeclarationView get(@PathParam("id") UUID id) {
        String declarer = declarer();
        return declarations.find(id)
                .filter(view -> caller.hasRole(OPERATOR) || view.declarer().equals(declarer))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such declaration."));
    }

    private String declarer() {
        return caller.hasRole(OPERATOR) ? caller.clientId() : caller.organisation();
    }

    /** A measure in its unit: hours for minutes (as employers' declarations), whole numbers within a year's bounds. */
    private static long measure(String field, Measure unit, BigDecimal value, List<FieldError> errors) {
        if (unit == Measure.MINUTES) {
            Long minutes = DeclarationValidation.minutes(field, value, true, errors);
            return minutes == null ? 0 : minutes;
        }
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return 0;
        }
        long maximum = maximum(unit);
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(maximum)) > 0
                || value.stripTrailingZeros().scale() > 0) {
            errors.add(new FieldError(field, "must be a whole number of " + unit.name().toLowerCase(Locale.ROOT)
                    + " from 0 to " + maximum));
            return 0;
        }
        return value.longValueExact();
    }

    /**
     * Beyond these a figure is a typing error (not legal figures): a mission over two calendar years, the days of a
     * year, a working life of commitment, three shifts a day.
     */
    private static long maximum(Measure unit) {
        return switch (unit) {
            case MONTHS -> 24;
            case DAYS -> 366;
            case YEARS -> 60;
            case VACATIONS -> 3 * 366;
            case MINUTES -> throw new IllegalArgumentException("minutes are given as hours");
        };
    }
}
