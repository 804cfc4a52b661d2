package fr.cpa.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.testing.LocalStack;

/**
 * The routes as configured for running (the other tests route to a stand-in): each goes to a service of the
 * repository, since the gateway's health probes every route and a route to a service not built yet keeps it DOWN.
 */
class ShippedRoutesTest {

    private static final Pattern ROUTE_URL = Pattern.compile("cpa\\.gateway\\.routes\\.([^.]+)\\.url");

    @Test
    void everyRouteGoesToAServiceOfTheRepository() throws IOException {
        Set<String> routed = new TreeSet<>();
        for (String key : shipped().stringPropertyNames()) {
            Matcher route = ROUTE_URL.matcher(key);
            if (route.matches()) {
                routed.add(route.group(1));
            }
        }
        Path services = LocalStack.repositoryRoot().resolve("services");
        for (String service : routed) {
            assertTrue(Files.isRegularFile(services.resolve(service).resolve("pom.xml")),
                    "route " + service + " has no service under " + services);
        }
        assertFalse(routed.isEmpty());
    }

    static Properties shipped() throws IOException {
        Properties config = new Properties();
        try (InputStream in = ShippedRoutesTest.class.getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        return config;
    }
}
