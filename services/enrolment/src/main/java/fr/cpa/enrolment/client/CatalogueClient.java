package fr.cpa.enrolment.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The catalogue's public offer and a holder's eligibility to it (asked with the holder's own token). */
@RegisterRestClient(configKey = "catalogue")
@Path("/api/catalogue/offers/{offerId}")
public interface CatalogueClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Offer(UUID id, String status, Organisation organisation, Certification certification, String title,
            Contact contact, List<Action> actions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisation(String siret, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Certification(String code, String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Action(UUID id, Integer durationHours, Long priceCents, List<Session> sessions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(UUID id, java.time.LocalDate startsOn, java.time.LocalDate endsOn, Integer seats,
            Boolean inWorkingTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Eligibility(boolean eligible, boolean cecOnly, List<Reason> reasons) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reason(String code, String message) {
    }

    /** Throws for any answer but 2xx (404 for an unknown offer). */
    @GET
    Offer offer(@PathParam("offerId") UUID offerId);

    @GET
    @Path("/eligibility")
    Eligibility eligibility(@PathParam("offerId") UUID offerId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
