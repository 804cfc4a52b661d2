package fr.cpa.identity.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import fr.cpa.identity.domain.Credentials;
import fr.cpa.identity.domain.RegistrationForm;
import fr.cpa.identity.domain.Registrations;
import fr.cpa.identity.persistence.Holder;

/** Registration, e-mail validation and password reset: the only operations without a token. */
@Path("/api/identity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registration", description = "Creating an online space and getting back into it")
public class RegistrationResource {

    /** The same answer whether the space was created or already existed: no account enumeration. */
    public record Accepted(String status, String message) {
        static final Accepted REGISTRATION = new Accepted("VALIDATION_MAIL_SENT",
                "If the details are valid, a mail has been sent to the address given: follow its link to activate the space.");
        static final Accepted MAIL = new Accepted("MAIL_SENT",
                "If an online space matches, a mail has been sent to its address.");
    }

    public record LinkToken(@NotNull String token) {
    }

    public record EmailAddress(@NotNull String email) {
    }

    public record Login(@NotNull String login) {
        @Override
        public String toString() {
            return "Login[***]";
        }
    }

    public record NewPassword(@NotNull String token, @NotNull String password) {
        @Override
        public String toString() {
            return "NewPassword[***]";
        }
    }

    public record Activation(UUID holderId, String status) {
        static Activation of(Holder holder) {
            return new Activation(holder.id, holder.status.name());
        }
    }

    private final Registrations registrations;
    private final Credentials credentials;

    RegistrationResource(Registrations registrations, Credentials credentials) {
        this.registrations = registrations;
        this.credentials = credentials;
    }

    @POST
    @Path("/registrations")
    @ResponseStatus(202)
    @Operation(summary = "Register with a social security number (NIR)",
            description = "Checks every field (400 names each one at fault), creates a disabled login and mails a validation link. "
                    + "A NIR or e-mail that already has a space gets the same 202 and its owner a warning mail.")
    public Accepted register(@Valid @NotNull RegistrationForm form) {
        registrations.register(form);
        return Accepted.REGISTRATION;
    }

    @POST
    @Path("/registrations/validations")
    @Operation(summary = "Follow the validation link: activates the space and announces HolderRegistered")
    public Activation validate(@Valid @NotNull LinkToken link) {
        return Activation.of(registrations.validate(link.token()));
    }

    @POST
    @Path("/registrations/validation-mails")
    @ResponseStatus(202)
    @Operation(summary = "Send the validation link again (to a registration not yet validated)")
    public Accepted resendValidation(@Valid @NotNull EmailAddress address) {
        registrations.resendValidationLink(address.email());
        return Accepted.MAIL;
    }

    @POST
    @Path("/password-resets")
    @ResponseStatus(202)
    @Operation(summary = "Ask for a password reset link, by NIR or e-mail address")
    public Accepted requestPasswordReset(@Valid @NotNull Login login) {
        credentials.requestPasswordReset(login.login());
        return Accepted.MAIL;
    }

    @POST
    @Path("/password-resets/confirmations")
    @ResponseStatus(204)
    @Operation(summary = "Set a new password with the link's token; ends every session")
    public void resetPassword(@Valid @NotNull NewPassword body) {
        credentials.resetPassword(body.token(), body.password());
    }

    @POST
    @Path("/email-changes/confirmations")
    @Operation(summary = "Confirm a new e-mail address with the link's token")
    public Activation confirmEmailChange(@Valid @NotNull LinkToken link) {
        return Activation.of(credentials.confirmEmailChange(link.token()));
    }
}
