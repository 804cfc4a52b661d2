package fr.cpa.ledger.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

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

import fr.cpa.ledger.domain.AccrualRuns;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** Operators start the yearly accrual; it runs in the background and can be followed, re-run or resumed. */
@Path("/api/ledger/accrual-runs")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accrual", description = "Yearly crediting of the rights")
public class AccrualRunResource {

    public record AccrualRequest(int year) {
    }

    private final AccrualRuns runs;
    private final Clock clock;

    AccrualRunResource(AccrualRuns runs, Clock clock) {
        this.clock = clock;
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Credit a year of activity from its declarations (re-running a year changes nothing)",
            description = "202 with the run's address; 409 while the same year is already running.")
    public Response start(@Valid @NotNull AccrualRequest request) {
        int current = LocalDate.now(clock).getYear();
        if (request.year() < DeclarationValidation.FIRST_YEAR || request.year() >= current) {
            throw new ProblemException(ProblemType.VALIDATION, "Only a past year can be credited.",
                    List.of(new FieldError("year", "must be a past year of activity")));
        }
        if (!runs.submit(request.year())) {
            throw new ProblemException(ProblemType.CONFLICT, "This year is already being credited.");
        }
        return Response.accepted(new AccrualRuns.RunStatus(request.year(), "RUNNING", 0, 0))
                .location(URI.create("/api/ledger/accrual-runs/" + request.year())).build();
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "Where a year's run stands: status, persons done, entries written")
    public AccrualRuns.RunStatus status(@PathParam("year") int year) {
        return runs.status(year).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No run for this year."));
    }
}
