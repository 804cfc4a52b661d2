package fr.cpa.platform.web.correlation;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

import fr.cpa.platform.web.CorrelationId;

/**
 * Copies the current correlation id into every outgoing Quarkus REST Client call, so the called service logs under
 * the same id. Discovered as a global provider by the REST Client of any service that has one; an id the caller
 * set explicitly is kept.
 */
@Provider
public class CorrelationIdClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (!request.getHeaders().containsKey(CorrelationId.HEADER)) {
            CorrelationId.current().ifPresent(id -> request.getHeaders().putSingle(CorrelationId.HEADER, id));
        }
    }
}
