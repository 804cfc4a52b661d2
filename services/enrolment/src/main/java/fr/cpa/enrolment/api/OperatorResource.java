package fr.cpa.enrolment.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.api.ApplicationViews.HolderView;
import fr.cpa.enrolment.domain.lifecycle.Deadlines;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** Operators: read any application (support), and run the deadlines now instead of waiting for the scheduler. */
@Path("/api/enrolment/operations")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Support and deadlines")
public class OperatorResource {

    private final Deadlines deadlines;

    OperatorResource(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @GET
    @Path("/applications/{id}")
    @Operation(summary = "Any application, as its holder sees it")
    @Transactional
    public HolderView get(@PathParam("id") UUID id) {
        return TrainingApplication.<TrainingApplication>findByIdOptional(id).map(ApplicationViews::holder)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such application."));
    }

    @POST
    @Path("/deadline-runs")
    @Operation(summary = "Expire what is overdue, apply employers' silence and pay validated services, now")
    public Deadlines.Run run() {
        return deadlines.run();
    }
}
