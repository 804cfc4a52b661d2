package fr.cpa.platform.person;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The person key: HMAC-SHA256 of the NIR with a secret pepper, the only way services other than identity name a
 * person. Accounts, declarations and payslips are keyed by it, so rights accrue before the person ever registers,
 * and nobody without the pepper can go back from the key to the NIR.
 */
public final class PersonKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_PEPPER_BYTES = 32;

    private final SecretKeySpec pepper;

    /** {@code pepper}: at least 32 bytes of secret, the same in every service, from configuration. */
    public PersonKeys(byte[] pepper) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the person-key pepper must be at least 32 bytes");
        }
        this.pepper = new SecretKeySpec(pepper.clone(), ALGORITHM);
    }

    /** The person key of a NIR: 43 characters of URL-safe Base64, the same for every way of typing the NIR. */
    public String of(Nir nir) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            byte[] digest = mac.doFinal(nir.value().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
