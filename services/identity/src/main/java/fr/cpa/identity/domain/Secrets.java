package fr.cpa.identity.domain;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;


/** The NIR encryption key, from configuration (the person-key pepper is read by platform/person's producer). */
@ApplicationScoped
public class Secrets {

    /** Version 1 of the NIR encryption key; a rotation adds version 2 beside it. */
    private static final byte NIR_KEY_VERSION = 1;

    @Produces
    @ApplicationScoped
    NirVault nirVault(@ConfigProperty(name = "cpa.identity.nir-encryption-key") String base64Key) {
        return new NirVault(NIR_KEY_VERSION, Base64.getDecoder().decode(base64Key));
    }
}
