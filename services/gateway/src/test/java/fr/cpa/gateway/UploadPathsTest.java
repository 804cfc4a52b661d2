package fr.cpa.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The paths the gateway streams to their service, as configured for running (the other tests route to a stand-in
 * with limits of their own): the ledger's declaration batches and the catalogue's LHEO imports, up to 100 MB.
 */
class UploadPathsTest {

    @Test
    void largeUploadsAreStreamedToTheLedgerAndTheCatalogue() throws IOException {
        Properties config = new Properties();
        try (InputStream in = UploadPathsTest.class.getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        List<String> paths = Arrays.stream(config.getProperty("cpa.gateway.upload-paths").split(","))
                .map(String::strip).toList();
        assertTrue(paths.contains("/api/ledger/declarations/batches"), paths::toString);
        assertTrue(paths.contains("/api/catalogue/imports"), paths::toString);
        assertEquals("${CPA_GATEWAY_MAX_UPLOAD:100M}", config.getProperty("cpa.gateway.max-upload-size"));
        // The platform's own body check, before any route, lets the same paths through with the same limit.
        assertEquals("${cpa.gateway.max-upload-size}", config.getProperty("quarkus.http.limits.max-body-size"));
        assertEquals("${cpa.gateway.upload-paths}", config.getProperty("cpa.web.large-body-paths"));
    }
}
