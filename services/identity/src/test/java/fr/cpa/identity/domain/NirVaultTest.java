package fr.cpa.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.person.Nir;

class NirVaultTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final NirVault vault = new NirVault((byte) 1, KEY);
    private final Nir nir = Nir.parse("185057511604218");

    @Test
    void roundTripWithAFreshIvEachTime() {
        String first = vault.encrypt(nir);
        String second = vault.encrypt(nir);
        assertNotEquals(first, second, "equal NIRs must not look equal in the database");
        assertEquals(nir, vault.decrypt(first));
        assertFalse(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1).contains("1850575"));
    }

    @Test
    void tamperingOrAnotherKeyFailsToDecrypt() {
        byte[] sealed = Base64.getDecoder().decode(vault.encrypt(nir));
        sealed[sealed.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThrows(IllegalStateException.class, () -> vault.decrypt(tampered));

        NirVault otherKey = new NirVault((byte) 1, "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IllegalStateException.class, () -> otherKey.decrypt(vault.encrypt(nir)));
        NirVault otherVersion = new NirVault((byte) 2, KEY);
        assertThrows(IllegalStateException.class, () -> otherVersion.decrypt(vault.encrypt(nir)));
    }

    @Test
    void onlyAes256Keys() {
        assertThrows(IllegalArgumentException.class, () -> new NirVault((byte) 1, new byte[16]));
    }
}
