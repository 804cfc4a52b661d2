package fr.cpa.identity.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.cpa.platform.person.PersonKeys;

/** The service's two secrets, from configuration: the NIR encryption key and the person-key pepper. */
@ApplicationScoped
public class Secrets {

    /** Version 1 of the NIR encryption key; a rotation adds version 2 beside it. */
    private static final byte NIR_KEY_VERSION = 1;

    @Produces
    @ApplicationScoped
    NirVault nirVault(@ConfigProperty(name = "cpa.identity.nir-encryption-key") String base64Key) {
        return new NirVault(NIR_KEY_VERSION, Base64.getDecoder().decode(base64Key));
    }

    @Produces
    @ApplicationScoped
    PersonKeys personKeys(@ConfigProperty(name = "cpa.person-key.pepper") String pepper) {
        return new PersonKeys(pepper.getBytes(StandardCharsets.UTF_8));
    }
}
