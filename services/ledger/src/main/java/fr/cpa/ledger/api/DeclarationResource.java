package fr.cpa.ledger.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
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

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.Declarations;
import fr.cpa.ledger.domain.Declarations.DeclarationView;
import fr.cpa.ledger.domain.Declarations.Exposure;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Employers declare, per employee and year, the time worked and the arduous-work exposures. An employer only ever
 * writes and reads under the SIRET of its own token.
 */
@Path("/api/ledger/declarations")
@RolesAllowed("employer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Declarations", description = "Employers' yearly declarations")
public class DeclarationResource {

    /** The most hours a year has (366 days of 24 h): anything above is a typing error. */
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(8784);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    /** The first year of activity the CPF counts: when the account-opening rule came into force. */
    static final int FIRST_YEAR = RuleBook.load("rules/accounts.json").parameter("account-opening-age")
            .values().get(0).from().getYear();

    public enum ContractType {
        PERMANENT, FIXED_TERM, APPRENTICESHIP, PROFESSIONALISATION, TEMPORARY_AGENCY, OTHER
    }

    /**
     * @param hoursWorked hours worked in the year for this employer, at most two decimals
     * @param referenceHours the employer's full-time yearly duration when it is not the legal one
     */
    public record DeclarationRequest(String nir, int year, BigDecimal hoursWorked, BigDecimal referenceHours,
            ContractType contractType, boolean lowQualified, List<Exposure> cppExposures) {
        @Override
        public String toString() {
            return "DeclarationRequest[***]";
        }
    }

    private final JsonWebToken token;
    private final Declarations declarations;

    DeclarationResource(JsonWebToken token, Declarations declarations) {
        this.token = token;
        this.declarations = declarations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare one employee-year; a later declaration for the same employee and year replaces it",
            description = "201 for a first declaration, 200 when it replaces one (revision + 1). The NIR is never answered back.")
    public Response declare(@Valid @NotNull DeclarationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Nir nir = null;
        try {
            nir = Nir.parse(request.nir());
        } catch (Nir.InvalidNirException e) {
            errors.add(new FieldError("nir", e.problem().reason()));
        }
        int currentYear = Year.now().getValue();
        if (request.year() < FIRST_YEAR || request.year() > currentYear) {
            errors.add(new FieldError("year", "must be between " + FIRST_YEAR + " and " + currentYear));
        }
        Long minutes = minutes("hoursWorked", request.hoursWorked(), true, errors);
        Long reference = minutes("referenceHours", request.referenceHours(), false, errors);
        if (reference != null && reference == 0) {
            errors.add(new FieldError("referenceHours", "must be positive"));
        }
        if (request.contractType() == null) {
            errors.add(new FieldError("contractType", "is required"));
        }
        List<Exposure> exposures = request.cppExposures() == null ? List.of() : request.cppExposures();
        for (int i = 0; i < exposures.size(); i++) {
            if (exposures.get(i).quarter() < 1 || exposures.get(i).quarter() > 4) {
                errors.add(new FieldError("cppExposures[" + i + "].quarter", "must be 1 to 4"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The declaration is invalid.", errors);
        }
        Declarations.Saved saved = declarations.save(siret(), nir, request.year(), minutes, reference,
                request.contractType().name(), request.lowQualified(), exposures);
        return Response.status(saved.revision() == 1 ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my declarations")
    public DeclarationView get(@PathParam("id") UUID id) {
        return declarations.find(siret(), id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such declaration."));
    }

    /** The employer's SIRET, from its token only: a body cannot declare for another company. */
    private String siret() {
        String siret = token.getClaim("siret");
        if (siret == null || !siret.matches("\\d{14}")) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This employer's token carries no SIRET.");
        }
        return siret;
    }

    private static Long minutes(String field, BigDecimal hours, boolean required, List<FieldError> errors) {
        if (hours == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0) {
            errors.add(new FieldError(field, "must be between 0 and " + MAX_HOURS + " hours"));
            return null;
        }
        if (hours.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "must have at most two decimals"));
            return null;
        }
        // Hundredths of an hour are 36 s: rounded to the nearest minute, half up.
        return hours.multiply(SIXTY).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
