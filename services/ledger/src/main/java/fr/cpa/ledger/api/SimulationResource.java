package fr.cpa.ledger.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.ledger.domain.Simulations;
import fr.cpa.ledger.domain.rules.CpfProjection;
import fr.cpa.ledger.domain.rules.Population;
import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/** What the holder's CPF would become under stated assumptions, year by year. */
@Path("/api/ledger/me/simulation")
@RolesAllowed("holder")
@Tag(name = "Accounts")
public class SimulationResource {

    /** How far ahead a simulation goes: a career, not a century. */
    private static final int MAX_YEARS_AHEAD = 40;
    private static final int FULL_TIME = 100;

    /** The statuses a holder can choose, each a population of the rules with its flags. */
    enum Status {
        EMPLOYEE("employee", Population.PRIVATE_EMPLOYEE, false, false),
        LOW_QUALIFIED("low-qualified", Population.PRIVATE_EMPLOYEE, true, false),
        ESAT("esat", Population.ESAT_WORKER, false, false),
        PUBLIC_SERVANT("public-servant", Population.PUBLIC_SERVANT, false, false),
        PUBLIC_SERVANT_CATEGORY_C("public-servant-category-c-unqualified", Population.PUBLIC_SERVANT, true, true);

        final String name;
        final Population population;
        final boolean lowQualified;
        final boolean categoryC;

        Status(String name, Population population, boolean lowQualified, boolean categoryC) {
            this.name = name;
            this.population = population;
            this.lowQualified = lowQualified;
            this.categoryC = categoryC;
        }
    }

    /**
     * The assumptions as understood, echoed with the answer.
     *
     * @param startingEarnedBalance the earned balance today (top-ups left out), in {@code startingUnit}
     */
    public record Assumptions(String status, String population, boolean lowQualified, boolean categoryC,
            int workingTimePercent, int from, int until, long startingEarnedBalance, String startingUnit,
            List<String> notes) {
    }

    public record SimulationView(Assumptions assumptions, List<Simulations.Year> years) {
    }

    private final Caller caller;
    private final Simulations simulations;
    private final Clock clock;

    SimulationResource(Caller caller, Simulations simulations, Clock clock) {
        this.caller = caller;
        this.simulations = simulations;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My CPF projected year by year until a year, for a status (employee, low-qualified, esat, "
            + "public-servant, public-servant-category-c-unqualified) and a working time (full, 80, 80% or 0.8)")
    public SimulationView simulate(@QueryParam("until") String until, @QueryParam("status") String status,
            @QueryParam("workingTime") String workingTime) {
        int thisYear = LocalDate.now(clock).getYear();
        List<FieldError> errors = new ArrayList<>();
        Integer lastYear = year(until, thisYear, errors);
        Status chosen = status(status, errors);
        Integer percent = workingTime(workingTime, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The simulation's assumptions are invalid.", errors);
        }
        var cpf = AccountViews.state(AccountViews.account(caller.holderId(), "cpf"));
        Simulations.Simulation simulation;
        try {
            simulation = simulations.simulate(cpf, new CpfProjection.Assumptions(chosen.population, percent,
                    chosen.lowQualified, chosen.categoryC), LocalDate.now(clock), lastYear);
        } catch (Simulations.Refused e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, e.getMessage(),
                    List.of(new FieldError(cpf.birthDate() == null ? "birthDate" : "status", e.getMessage())));
        }
        List<String> notes = List.of(
                "Each year's credit is for that year's activity and is posted in the first quarter of the next year.",
                "Top-ups are left out: they never count toward the ceiling.",
                "Years beyond the last dated rule use the rules in force today (constant law).");
        return new SimulationView(new Assumptions(chosen.name, chosen.population.name(), chosen.lowQualified,
                chosen.categoryC, percent, simulation.from(), simulation.until(), simulation.startingEarnedBalance(),
                simulation.startingUnit(), notes), simulation.years());
    }

    private static Integer year(String until, int thisYear, List<FieldError> errors) {
        String range = "must be a year from " + thisYear + " to " + (thisYear + MAX_YEARS_AHEAD);
        if (until == null || until.isBlank()) {
            errors.add(new FieldError("until", "is required: " + range));
            return null;
        }
        try {
            int year = Integer.parseInt(until.trim());
            if (year >= thisYear && year <= thisYear + MAX_YEARS_AHEAD) {
                return year;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        errors.add(new FieldError("until", range));
        return null;
    }

    private static Status status(String status, List<FieldError> errors) {
        if (status == null || status.isBlank()) {
            return Status.EMPLOYEE;
        }
        String wanted = status.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Status.values()).filter(s -> s.name.equals(wanted)).findFirst().orElseGet(() -> {
            errors.add(new FieldError("status", "must be one of "
                    + String.join(", ", Arrays.stream(Status.values()).map(s -> s.name).toList())));
            return null;
        });
    }

    /** full; a whole percentage, 80 or 80%; or a fraction with at most two decimals, 0.8. */
    private static Integer workingTime(String workingTime, List<FieldError> errors) {
        if (workingTime == null || workingTime.isBlank() || workingTime.trim().equalsIgnoreCase("full")) {
            return FULL_TIME;
        }
        String text = workingTime.trim();
        try {
            BigDecimal percent;
            if (text.endsWith("%")) {
                percent = Decimals.parse(text.substring(0, text.length() - 1).trim());
            } else if (text.contains(".")) {
                percent = Decimals.parse(text).movePointRight(2);
            } else {
                percent = Decimals.parse(text);
            }
            if (percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(FULL_TIME)) <= 0
                    && percent.stripTrailingZeros().scale() <= 0) {
                return percent.intValueExact();
            }
        } catch (InvalidDecimalException | ArithmeticException e) {
            // answered below
        }
        errors.add(new FieldError("workingTime",
                "must be full, a whole percentage from 0 to 100 (80 or 80%) or a fraction from 0 to 1 (0.8)"));
        return null;
    }
}
