package fr.cpa.platform.web.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only upload read as a stream: answers how many bytes it read. */
@Path("/test/uploads")
public class UploadResource {

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> upload(InputStream body) throws IOException {
        return Map.of("bytes", body.transferTo(OutputStream.nullOutputStream()));
    }
}
