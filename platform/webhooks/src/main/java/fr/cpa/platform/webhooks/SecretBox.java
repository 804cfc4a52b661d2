package fr.cpa.platform.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Seals signing secrets for storage with AES-256-GCM under {@code cpa.webhooks.secret-key}: a key version byte, a
 * random 12-byte nonce, then the ciphertext and its tag. The subscription's id is authenticated with it, so a sealed
 * secret copied to another row does not open. Messages of failures never carry a secret.
 */
@Singleton
class SecretBox {

    static final byte KEY_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    SecretBox(WebhooksConfig config) {
        this(config.secretKey());
    }

    SecretBox(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cpa.webhooks.secret-key must be base64 (of 32 bytes)");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("cpa.webhooks.secret-key must be base64 of 32 bytes (AES-256), not "
                    + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Built at start, so a missing or malformed key stops the service instead of failing a request. */
    void checkAtStart(@Observes StartupEvent start) {
        key.getAlgorithm();
    }

    byte[] seal(UUID subscription, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, subscription, secret);
        return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(KEY_VERSION).put(nonce).put(sealed).array();
    }

    byte[] open(UUID subscription, byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(stored);
        byte version = in.get();
        if (version != KEY_VERSION) {
            throw new IllegalStateException("webhook secret sealed with key version " + version + ", not loaded");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return crypt(Cipher.DECRYPT_MODE, nonce, subscription, sealed);
    }

    private byte[] crypt(int mode, byte[] nonce, UUID subscription, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(("platform_webhook_subscription:" + subscription).getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret cannot be sealed or opened with the loaded key", e);
        }
    }
}
