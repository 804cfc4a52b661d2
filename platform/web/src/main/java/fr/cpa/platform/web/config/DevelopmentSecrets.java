package fr.cpa.platform.web.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * A service in production refuses to start with a development secret. Every secret's local default in this
 * repository says so in its value ("local development only", in clear or in Base64, or a demo client's
 * {@code <client>-secret}); in the {@code prod} profile without {@code local}, a secret property holding one stops the
 * service, naming the property, never the value. {@code make run} and the tests' service processes run with the
 * profiles {@code prod,local}.
 */
@ApplicationScoped
public class DevelopmentSecrets {

    /** The property names that hold secrets: passwords, client secrets, keys, peppers. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|secret|secret-key|pepper|nir-keys|nir-encryption-key|credentials\\.secret)$");
    private static final Pattern DEV_MARK = Pattern.compile("(?i)local[- _]development[- _]only");
    private static final Pattern CLIENT_SECRET_DEFAULT = Pattern.compile("[a-z0-9-]+-secret");

    void refuseInProduction(@Observes StartupEvent started, Config config) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (!profiles.contains("prod") || profiles.contains("local")) {
            return;
        }
        List<String> found = developmentSecrets(config);
        if (!found.isEmpty()) {
            throw new IllegalStateException("Production refuses development secrets; set these from the "
                    + "environment: " + String.join(", ", found));
        }
    }

    /** The secret properties whose value is a development default. */
    static List<String> developmentSecrets(Config config) {
        List<String> found = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (!SECRET_NAME.matcher(name).matches() || name.startsWith("%")) {
                continue;
            }
            Optional<String> value;
            try {
                value = config.getOptionalValue(name, String.class);
            } catch (RuntimeException unexpandable) {
                continue; // a value that cannot be read now fails on its own where it is used
            }
            if (value.isPresent() && isDevelopmentValue(value.get())) {
                found.add(name);
            }
        }
        return found;
    }

    static boolean isDevelopmentValue(String value) {
        if (DEV_MARK.matcher(value).find() || CLIENT_SECRET_DEFAULT.matcher(value).matches()) {
            return true;
        }
        // Keys are Base64; a key ring lists "version:key" entries.
        for (String part : value.split("[,:]")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(part.strip()), StandardCharsets.ISO_8859_1);
                if (DEV_MARK.matcher(decoded.toLowerCase(Locale.ROOT)).find()) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a key
            }
        }
        return false;
    }
}
