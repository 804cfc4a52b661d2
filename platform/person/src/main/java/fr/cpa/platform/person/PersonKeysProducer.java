package fr.cpa.platform.person;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link PersonKeys} of a Quarkus service, with the pepper shared by every service that receives NIRs
 * ({@code cpa.person-key.pepper}, from {@code CPA_PERSON_KEY_PEPPER}): the same NIR gives the same key everywhere.
 */
@ApplicationScoped
public class PersonKeysProducer {

    @Produces
    @ApplicationScoped
    PersonKeys personKeys(@ConfigProperty(name = "cpa.person-key.pepper") String pepper) {
        return new PersonKeys(pepper.getBytes(StandardCharsets.UTF_8));
    }
}
