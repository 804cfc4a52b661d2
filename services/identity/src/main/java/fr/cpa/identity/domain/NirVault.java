package fr.cpa.identity.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import fr.cpa.platform.person.Nir;

/**
 * Encrypts NIRs for storage with AES-256-GCM. Each value carries a key version byte, so a new key can be introduced
 * while older rows are still readable, and its own random IV; the GCM tag makes any tampering fail to decrypt.
 */
public final class NirVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte keyVersion;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public NirVault(byte keyVersion, byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the NIR encryption key must be 32 bytes (AES-256)");
        }
        this.keyVersion = keyVersion;
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Base64 of version, IV and ciphertext with its tag; a new IV each time, so equal NIRs never look equal. */
    public String encrypt(Nir nir) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, nir.value().getBytes(StandardCharsets.US_ASCII));
        ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + sealed.length);
        out.put(keyVersion).put(iv).put(sealed);
        return Base64.getEncoder().encodeToString(out.array());
    }

    public Nir decrypt(String stored) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(stored));
        byte version = in.get();
        if (version != keyVersion) {
            throw new IllegalStateException("NIR encrypted with key version " + version + ", which is not loaded");
        }
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return Nir.parse(new String(crypt(Cipher.DECRYPT_MODE, iv, sealed), StandardCharsets.US_ASCII));
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Never the value: a failure says only that the stored NIR cannot be read with this key.
            throw new IllegalStateException("stored NIR cannot be decrypted with the loaded key", e);
        }
    }
}
