package fr.cpa.catalogue.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.catalogue.domain.Certifications;
import fr.cpa.catalogue.domain.Certifications.Certification;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** The certifications trainings lead to, public. */
@Path("/api/catalogue/certifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certifications", description = "Certifications of the RNCP and the Répertoire spécifique")
public class CertificationResource {

    private final Certifications certifications;

    CertificationResource(Certifications certifications) {
        this.certifications = certifications;
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "A certification with its level, jobs (ROME), skill blocks, Formacodes and eligibility lists")
    public Certification get(@PathParam("code") String code) {
        return certifications.find(code)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such certification."));
    }
}
