package fr.cpa.enrolment.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The ledger's holder resources, always asked with the holder's own token. */
@RegisterRestClient(configKey = "ledger")
@Path("/api/ledger/me")
public interface LedgerClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Funding(Cpf cpf, Cec cec, Cpp cpp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cpf(String unit, long free, long earmarkedForApplication, List<TopUp> topUps) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopUp(UUID id, String funderType, String funderName, long amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cec(String unit, long available) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cpp(long points, long pointValue) {
    }

    record Conversion(long points, String use) {
    }

    /** What the holder can spend on the application (its own top-ups included). Throws for any answer but 2xx. */
    @GET
    @Path("/funding")
    Funding funding(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("applicationId") UUID applicationId);

    /** Converts CPP points into CPF euros for a training; the key makes a retry harmless. */
    @POST
    @Path("/cpp/conversions")
    @Consumes(MediaType.APPLICATION_JSON)
    void convert(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, Conversion conversion);
}
