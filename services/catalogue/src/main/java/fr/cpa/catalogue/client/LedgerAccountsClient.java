package fr.cpa.catalogue.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The ledger's "my accounts", asked with the holder's own token: the ledger shows a holder their accounts only. */
@RegisterRestClient(configKey = "ledger")
@Path("/api/ledger/me/accounts")
public interface LedgerAccountsClient {

    /** What the catalogue reads of an account: its kind (CPF, CEC, CPP) and what is available. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Account(String kind, long available) {
    }

    /** Throws for any answer but 2xx; 404 when the ledger holds no account for the holder yet. */
    @GET
    List<Account> accounts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
