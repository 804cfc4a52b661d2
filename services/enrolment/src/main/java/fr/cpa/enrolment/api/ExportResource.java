package fr.cpa.enrolment.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.api.ApplicationViews.HolderView;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.web.security.Caller;

/** The enrolment service's part of the holder's data export (gathered by identity's GET /api/identity/me/export). */
@Path("/api/enrolment/me/export")
@RolesAllowed("holder")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications (holder)")
public class ExportResource {

    /** What this service keeps of the holder. */
    public record Export(Profile profile, List<HolderView> applications) {
    }

    public record Profile(String employmentStatus, String workplaceSiret, boolean emailNotifications) {
    }

    private final Caller caller;

    ExportResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Everything this service keeps of me: my applications with their history")
    @Transactional
    public Response export() {
        Profile profile = HolderProfile.of(caller.holderId()).map(p -> new Profile(p.employmentStatus,
                p.workplaceSiret, p.emailNotifications)).orElse(null);
        List<HolderView> applications = TrainingApplication.<TrainingApplication>list(
                "holderId = ?1 order by submittedAt", caller.holderId()).stream().map(ApplicationViews::holder).toList();
        return Response.ok(new Export(profile, applications)).header("Cache-Control", "no-store").build();
    }
}
