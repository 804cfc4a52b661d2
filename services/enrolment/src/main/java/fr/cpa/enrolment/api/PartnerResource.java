package fr.cpa.enrolment.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.domain.Partners;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/** Where an organisation or an employer (by the SIRET of its token) wants the platform's mails. */
@Path("/api/enrolment/partners/me/contact")
@RolesAllowed({ "training-org", "employer" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "Organisations' and employers' mail address for notifications")
public class PartnerResource {

    private final Caller caller;
    private final Partners partners;

    PartnerResource(Caller caller, Partners partners) {
        this.caller = caller;
        this.partners = partners;
    }

    @GET
    @Operation(summary = "My mail address for notifications (404 when none is set)")
    @Transactional
    public Forms.Contact get() {
        return partners.email(caller.siret()).map(Forms.Contact::new)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No address set yet."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set my mail address for notifications")
    public Forms.Contact put(Forms.Contact form) {
        List<FieldError> errors = new ArrayList<>();
        String email = Forms.email(form == null ? null : form.email(), errors);
        Forms.failIf(errors, "The contact is invalid.");
        partners.setEmail(caller.siret(), email);
        return new Forms.Contact(email);
    }
}
