package fr.cpa.identity.domain;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** The NIR key ring, from configuration (the person-key pepper is read by platform/person's producer). */
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class);

    /**
     * @param keys {@code cpa.identity.nir-keys}: comma-separated {@code version:base64 of 32 bytes}; one value, so
     *             what is set is exactly what is loaded and a retired key goes by leaving it out
     */
    @Produces
    @ApplicationScoped
    NirVault nirVault(@ConfigProperty(name = "cpa.identity.nir-keys") String keys,
            @ConfigProperty(name = "cpa.identity.nir-key-current") int current) {
        return new NirVault(parse(keys), current);
    }

    /** Built at start, so a malformed ring stops the service instead of failing a registration. */
    void checkAtStart(@Observes StartupEvent start, NirVault vault) {
        LOG.infof("NIR key ring: versions %s, encrypting with version %d", vault.versions(), vault.currentVersion());
    }

    /** Messages name versions and positions only, never key material. */
    static Map<Integer, byte[]> parse(String keys) {
        Map<Integer, byte[]> ring = new LinkedHashMap<>();
        String[] entries = keys.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            int version;
            try {
                version = Integer.parseInt(entry.substring(0, Math.max(colon, 0)).strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("cpa.identity.nir-keys: entry " + (i + 1)
                        + " is not version:base64-key");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cpa.identity.nir-keys: the key of version " + version
                        + " is not base64");
            }
            if (ring.put(version, key) != null) {
                throw new IllegalStateException("cpa.identity.nir-keys: version " + version + " is given twice");
            }
        }
        return ring;
    }
}
