package fr.cpa.platform.web.testapp;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import fr.cpa.platform.web.CorrelationId;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;

/** Test-only endpoints showing the correlation id where a service would see it. */
@Path("/test/correlation")
@Produces(MediaType.APPLICATION_JSON)
public class CorrelationResource {

    /** Seen from a worker thread. */
    @GET
    public Map<String, String> blocking() {
        return seen();
    }

    /** Seen from the event loop. */
    @GET
    @Path("/non-blocking")
    @NonBlocking
    public Map<String, String> nonBlocking() {
        return seen();
    }

    /** The id this service received, as the callee of {@link #outgoing}; with a property its client does not know. */
    @GET
    @Path("/received")
    public Map<String, String> received(@HeaderParam(CorrelationId.HEADER) String header) {
        return Map.of("received", String.valueOf(header), "addedLater", "a newer callee's property");
    }

    /**
     * Calls {@link #received} through a Quarkus REST Client, as a service calls another: the id goes along, and the
     * client ignores the property it does not know (the strict JSON is the server's only).
     */
    @GET
    @Path("/outgoing")
    public Map<String, String> outgoing(RoutingContext rc) {
        ReceivedClient client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + rc.request().localAddress().port()))
                .build(ReceivedClient.class);
        return Map.of("received", client.received().received());
    }

    private static Map<String, String> seen() {
        return Map.of("mdc", String.valueOf(MDC.get(CorrelationId.MDC_KEY)), "thread", Thread.currentThread().getName());
    }
}
