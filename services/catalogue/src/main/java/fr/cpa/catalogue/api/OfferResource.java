package fr.cpa.catalogue.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.catalogue.domain.Certifications;
import fr.cpa.catalogue.domain.Offers;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.catalogue.domain.Offers.OfferView;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * Training organisations publish, replace and withdraw their offers (training → actions → sessions); anyone reads
 * an offer. An organisation is known by its token's SIRET and never sees another's offers as its own (404).
 */
@Path("/api/catalogue/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "Training offers: training, actions (where, how long, at what price), sessions")
public class OfferResource {

    private final Caller caller;
    private final Offers offers;
    private final Certifications certifications;

    OfferResource(Caller caller, Offers offers, Certifications certifications) {
        this.caller = caller;
        this.offers = offers;
        this.certifications = certifications;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("training-org")
    @Idempotent
    @Operation(summary = "Publish an offer of my organisation",
            description = "201 with the offer, its actions and sessions, and OfferPublished on cpa.catalogue.offers. "
                    + "Needs an Idempotency-Key. 400 naming the fields that are wrong (unknown certification, "
                    + "duration, price, dates, seats, a place outside France, an unknown region); 409 when the "
                    + "organisation has not described itself yet.")
    public Response create(@Valid @NotNull Offer offer, @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey) {
        String siret = caller.siret();
        validate(offer);
        OfferView created = offers.create(Offers.idFor(siret, idempotencyKey), siret, offer);
        return Response.created(URI.create("/api/catalogue/offers/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("training-org")
    @Operation(summary = "Replace one of my published offers with its actions and sessions",
            description = "Actions and sessions sent with their id are kept, those without are added, the others "
                    + "removed. OfferPublished with the next revision. 404 for another organisation's offer, 409 "
                    + "for a withdrawn one.")
    public OfferView replace(@PathParam("id") UUID id, @Valid @NotNull Offer offer) {
        String siret = caller.siret();
        validate(offer);
        return offers.replace(siret, id, offer);
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed("training-org")
    @Operation(summary = "Withdraw one of my offers",
            description = "It stays readable, WITHDRAWN; OfferWithdrawn once however often it is called. 404 for "
                    + "another organisation's offer.")
    public OfferView withdraw(@PathParam("id") UUID id) {
        return offers.withdraw(caller.siret(), id);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An offer with its actions and sessions (public)")
    public OfferView get(@PathParam("id") UUID id) {
        return offers.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such offer."));
    }

    private void validate(Offer offer) {
        boolean certificationExists = offer.certificationCode() != null
                && certifications.exists(offer.certificationCode());
        List<FieldError> errors = OfferValidation.errors(offer, certificationExists, offers.regionCodes());
        Fields.throwIfAny("The offer is invalid.", errors);
    }
}
