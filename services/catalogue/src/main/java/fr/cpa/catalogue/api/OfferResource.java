package fr.cpa.catalogue.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import fr.cpa.catalogue.client.CecRightsLookup;
import fr.cpa.catalogue.domain.Certifications;
import fr.cpa.catalogue.domain.Eligibility;
import fr.cpa.catalogue.domain.EligibilityScope;
import fr.cpa.catalogue.domain.HolderProfiles;
import fr.cpa.catalogue.domain.OfferEligibility;
import fr.cpa.catalogue.domain.OfferSearch;
import fr.cpa.catalogue.domain.SearchCriteria;
import fr.cpa.catalogue.domain.SearchResult;
import fr.cpa.catalogue.domain.Offers;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.catalogue.domain.Offers.OfferView;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;

/**
 * Training organisations publish, replace and withdraw their offers (training → actions → sessions); anyone reads
 * and searches offers. An organisation is known by its token's SIRET and never sees another's offers as its own (404).
 */
@Path("/api/catalogue/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "Training offers: training, actions (where, how long, at what price), sessions")
public class OfferResource {

    /**
     * A page of hits with the total and facets of the whole result.
     *
     * @param text the words as typed and as searched, after corrections (absent without q)
     * @param eligibility the rules applied for eligibleFor=me (absent otherwise)
     */
    public record SearchAnswer(List<SearchResult.Hit> items, int page, int size, long totalItems, int totalPages,
            Map<String, Map<String, Long>> facets, OfferSearch.TextSearch text, EligibilityScope eligibility) {
    }

    private final Caller caller;
    private final SecurityIdentity identity;
    private final Offers offers;
    private final Certifications certifications;
    private final OfferSearch search;
    private final Eligibility eligibility;
    private final HolderProfiles profiles;
    private final CecRightsLookup cecRights;
    private final OfferEligibility offerEligibility;
    private final Clock clock;

    OfferResource(Caller caller, SecurityIdentity identity, Offers offers, Certifications certifications,
            OfferSearch search, Eligibility eligibility, HolderProfiles profiles, CecRightsLookup cecRights,
            OfferEligibility offerEligibility, Clock clock) {
        this.caller = caller;
        this.identity = identity;
        this.offers = offers;
        this.certifications = certifications;
        this.search = search;
        this.eligibility = eligibility;
        this.profiles = profiles;
        this.cecRights = cecRights;
        this.offerEligibility = offerEligibility;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Search the offers (public; eligibleFor=me needs a holder's token)",
            description = "Each hit is an action of an offer (place, modality, price, duration) with its next "
                    + "session between startFrom (default today) and startTo. q: French words (accents, plurals "
                    + "and stems ignored; an unknown word is corrected to the closest known one; \"phrases\", "
                    + "-word and or as in a web search). Filters: organisation (SIRET), certification, job (ROME), "
                    + "formacode, region (repeatable), lat/lon/radiusKm (default 30 km, at most 200), modality "
                    + "(repeatable), minPrice/maxPrice (cents), minHours/maxHours, level (repeatable), kind "
                    + "(repeatable), eligibleFor=me. sort: relevance (default with q), start (default), price, "
                    + "-price, distance. page/size (size ≤ 100, within the first 10,000 hits). Facets over the "
                    + "whole result: modality, region, level, priceBand, kind. Any wrong or unknown parameter: 400 "
                    + "naming each.")
    public SearchAnswer search(@Context UriInfo uri) {
        LocalDate today = LocalDate.now(clock);
        SearchParameters.Parsed parsed = SearchParameters.parse(uri.getQueryParameters(), today,
                offers.regionCodes());
        SearchCriteria criteria = parsed.criteria();
        EligibilityScope scope = null;
        if (parsed.eligibleForMe()) {
            if (identity.isAnonymous()) {
                throw new ProblemException(ProblemType.UNAUTHENTICATED, "eligibleFor=me needs a holder's token.");
            }
            if (!identity.hasRole("holder")) {
                throw new ProblemException(ProblemType.FORBIDDEN, "eligibleFor=me is for holders.");
            }
            UUID holderId = caller.holderId();
            scope = eligibility.scope(profiles.find(holderId), today, cecRights.of(holderId, caller.rawToken()));
            criteria = criteria.withEligibility(scope);
        }
        OfferSearch.Answer answer = search.search(criteria);
        SearchResult result = answer.result();
        Page<SearchResult.Hit> page = Page.of(result.items(), new PageRequest(criteria.page(), criteria.size()),
                result.total());
        return new SearchAnswer(page.items(), page.page(), page.size(), page.totalItems(), page.totalPages(),
                result.facets(), answer.text(), scope);
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

    @GET
    @Path("/{id}/eligibility")
    @RolesAllowed("holder")
    @Operation(summary = "Whether I may buy this offer with my rights today, and why not",
            description = "The same rules as eligibleFor=me in the search: eligible, the offer's kind, cecOnly (a "
                    + "volunteers' training, paid from CEC rights only) and, when not eligible, reasons with a code "
                    + "(OFFER_WITHDRAWN, NO_QUALITY_CERTIFICATION, NOT_REGISTERED, NOT_ON_HOLDER_LISTS, "
                    + "CEC_RIGHTS_REQUIRED, CEC_RIGHTS_UNKNOWN; NOT_ELIGIBLE when no other applies) and a "
                    + "sentence; eligibility: the rules applied, as in a search's answer. 401 without a token, 403 "
                    + "for other roles, 404 for an unknown offer.")
    public OfferEligibility.Answer eligibility(@PathParam("id") UUID id) {
        LocalDate today = LocalDate.now(clock);
        UUID holderId = caller.holderId();
        EligibilityScope scope = eligibility.scope(profiles.find(holderId), today,
                cecRights.of(holderId, caller.rawToken()));
        return offerEligibility.of(id, scope);
    }

    private void validate(Offer offer) {
        boolean certificationExists = certifications.exists(offer.certificationCode());
        List<FieldError> errors = OfferValidation.errors(offer, certificationExists, offers.regionCodes());
        Fields.throwIfAny("The offer is invalid.", errors);
    }
}
