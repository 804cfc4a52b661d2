package fr.cpa.platform.web.testapp;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The REST client of {@link CorrelationResource#received}. */
@Path("/test/correlation/received")
public interface ReceivedClient {

    record Received(String received) {
    }

    @GET
    Received received();
}
