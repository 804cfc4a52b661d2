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

/** Values as the vault wrote them before binding (header 1, no associated data): what older rows hold. */
public final class LegacyNirs {

    /** The local development key of application.properties, which every row written before key rings used. */
    public static final byte[] DEV_KEY = Base64.getDecoder().decode("bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1uaXIta2V5ISE=");

    private LegacyNirs() {
    }

    public static String encrypt(Nir nir, byte[] key) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(nir.value().getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + iv.length + sealed.length)
                    .put((byte) 1).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
