package fr.cpa.ledger.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import fr.cpa.ledger.api.DeclarationResource.DeclarationRequest;
import fr.cpa.ledger.domain.Declarations.Exposure;
import fr.cpa.ledger.domain.Declarations.NewDeclaration;
import fr.cpa.ledger.domain.Declarations.PublicPost;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;

/**
 * The checks of an employee-year, the same for one declaration sent as JSON and for a line of a batch file, and the
 * checks of a NIR, a year and hours that civic-engagement declarations share. Reasons never quote the value.
 */
final class DeclarationValidation {

    /** The first year of activity the CPF counts: when the account-opening rule came into force. */
    static final int FIRST_YEAR = RuleBook.load("rules/accounts.json").parameter("account-opening-age")
            .values().get(0).from().getYear();
    /** The most hours a year has (366 days of 24 h): anything above is a typing error. */
    static final BigDecimal MAX_HOURS = BigDecimal.valueOf(8784);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    /** The categories of the public service (catégories A, B, C). */
    private static final List<String> PUBLIC_CATEGORIES = List.of("A", "B", "C");

    /** The declaration when every field is right, else null and why field by field. */
    record Checked(NewDeclaration declaration, List<FieldError> errors) {
    }

    private DeclarationValidation() {
    }

    /** @param currentYear the service clock's year: the last year that can be declared */
    static Checked check(DeclarationRequest request, int currentYear) {
        List<FieldError> errors = new ArrayList<>();
        Nir nir = nir(request.nir(), errors);
        year(request.year(), FIRST_YEAR, currentYear, errors);
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
        String category = request.publicServiceCategory();
        if (category != null && !PUBLIC_CATEGORIES.contains(category)) {
            errors.add(new FieldError("publicServiceCategory", "must be A, B or C"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        PublicPost post = category == null && request.reducedDurationPost() == null ? null
                : new PublicPost(category, Boolean.TRUE.equals(request.reducedDurationPost()));
        return new Checked(new NewDeclaration(nir, request.year(), minutes, reference, request.contractType().name(),
                request.lowQualified(), exposures, post), List.of());
    }

    /** The NIR, or null with the reason in {@code errors}. */
    static Nir nir(String text, List<FieldError> errors) {
        try {
            return Nir.parse(text);
        } catch (Nir.InvalidNirException e) {
            errors.add(new FieldError("nir", e.problem().reason()));
            return null;
        }
    }

    /** A year of activity from {@code first} to the current one. */
    static void year(int year, int first, int currentYear, List<FieldError> errors) {
        if (year < first || year > currentYear) {
            errors.add(new FieldError("year", "must be between " + first + " and " + currentYear));
        }
    }

    /** Hours with at most two decimals, in minutes; null when absent or wrong (then with the reason). */
    static Long minutes(String field, BigDecimal hours, boolean required, List<FieldError> errors) {
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
