package fr.cpa.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is shown to partners as {@code whsec_} followed by
 * the base64 of 32 random bytes; a message is signed with HMAC-SHA256 of {@code {webhook-id}.{webhook-timestamp}.{body}}
 * under the raw bytes, sent as {@code webhook-signature: v1,<base64>} (several separated by spaces while a rotated
 * secret still signs). What a receiver recomputes; public so that a service's docs and tests can use the same code.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** 32 new random bytes. */
    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as partners read it: {@code whsec_} and base64. */
    public static String show(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The raw bytes of a secret shown as {@code whsec_...} (the prefix may be left out). */
    public static byte[] secretBytes(String shown) {
        String encoded = shown.startsWith(SECRET_PREFIX) ? shown.substring(SECRET_PREFIX.length()) : shown;
        return Base64.getDecoder().decode(encoded);
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's bytes. */
    public static String sign(byte[] secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
