package fr.cpa.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.person.Nir;

class NirVaultTest {

    private static final byte[] KEY_1 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final String NUMBER = "1850575116042";

    private final NirVault vault = new NirVault(Map.of(1, KEY_1), 1);
    private final Nir nir = Nir.parse(NUMBER + "18");
    private final UUID holder = UUID.randomUUID();

    @Test
    void roundTripWithAFreshIvEachTime() {
        String first = vault.encrypt(nir, holder);
        String second = vault.encrypt(nir, holder);
        assertNotEquals(first, second, "equal NIRs must not look equal in the database");
        assertEquals(nir, vault.decrypt(first, holder));
        assertFalse(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1).contains("1850575"));
        assertEquals(0x81, Base64.getDecoder().decode(first)[0] & 0xff, "key version 1, bound to the holder");
        assertEquals(0x81, vault.currentHeader());
    }

    @Test
    void aValueCopiedToAnotherHoldersRowDoesNotOpen() {
        String stored = vault.encrypt(nir, holder);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> vault.decrypt(stored, UUID.randomUUID()));
        assertNoNir(refused);
    }

    @Test
    void tamperingFailsToDecrypt() {
        String stored = vault.encrypt(nir, holder);
        assertNoNir(assertThrows(IllegalStateException.class,
                () -> vault.decrypt(changed(stored, b -> flip(b, b.length - 1, 1)), holder)));
        assertNoNir(assertThrows(IllegalStateException.class,
                () -> vault.decrypt(changed(stored, b -> flip(b, 5, 0x10)), holder)), "IV changed");
        // Clearing the binding bit makes it look like a value from before binding: it must not open without the holder.
        assertNoNir(assertThrows(IllegalStateException.class,
                () -> vault.decrypt(changed(stored, b -> flip(b, 0, 0x80)), holder)), "binding removed");
        assertThrows(IllegalStateException.class, () -> vault.decrypt("not base64!", holder));
        assertThrows(IllegalStateException.class, () -> vault.decrypt("gQ==", holder));
    }

    @Test
    void anotherKeyUnderTheSameVersionFails() {
        NirVault otherKey = new NirVault(Map.of(1, KEY_2), 1);
        assertNoNir(assertThrows(IllegalStateException.class, () -> otherKey.decrypt(vault.encrypt(nir, holder), holder)));
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String underVersion1 = vault.encrypt(nir, holder);
        NirVault rotated = new NirVault(Map.of(1, KEY_1, 2, KEY_2), 2);
        assertEquals(nir, rotated.decrypt(underVersion1, holder));
        String underVersion2 = rotated.encrypt(nir, holder);
        assertEquals(0x82, Base64.getDecoder().decode(underVersion2)[0] & 0xff);
        assertEquals(0x82, rotated.currentHeader());
        assertEquals(nir, rotated.decrypt(underVersion2, holder));
        // The old key still opens values before the switch to version 2 happens everywhere.
        NirVault notYetSwitched = new NirVault(Map.of(1, KEY_1, 2, KEY_2), 1);
        assertEquals(nir, notYetSwitched.decrypt(underVersion2, holder));
    }

    @Test
    void anUnknownVersionSaysWhichWithoutTheNir() {
        String underVersion1 = vault.encrypt(nir, holder);
        NirVault withoutVersion1 = new NirVault(Map.of(2, KEY_2), 2);
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> withoutVersion1.decrypt(underVersion1, holder));
        assertTrue(unknown.getMessage().contains("key version 1"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("[2]"), unknown.getMessage());
        assertNoNir(unknown);
    }

    @Test
    void valuesFromBeforeBindingOpenUntilKeyVersion1Leaves() {
        String legacy = LegacyNirs.encrypt(nir, KEY_1);
        assertEquals(nir, vault.decrypt(legacy, holder));
        assertEquals(nir, new NirVault(Map.of(1, KEY_1, 2, KEY_2), 2).decrypt(legacy, holder));
        assertNoNir(assertThrows(IllegalStateException.class,
                () -> new NirVault(Map.of(2, KEY_2), 2).decrypt(legacy, holder)));
        // Only version 1 was ever written unbound: an unbound header of another version is refused outright.
        NirVault ring = new NirVault(Map.of(1, KEY_1, 2, KEY_2), 2);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ring.decrypt(changed(legacy, b -> flip(b, 0, 3)), holder));
        assertTrue(refused.getMessage().contains("unbound"), refused.getMessage());
    }

    @Test
    void theRingIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new NirVault(Map.of(1, new byte[16]), 1));
        assertThrows(IllegalArgumentException.class, () -> new NirVault(Map.of(1, KEY_1), 2));
        assertThrows(IllegalArgumentException.class, () -> new NirVault(Map.of(0, KEY_1), 0));
        assertThrows(IllegalArgumentException.class, () -> new NirVault(Map.of(128, KEY_1), 128));
    }

    @Test
    void theRingIsReadFromOneValueAndItsErrorsShowNoKey() {
        String key1 = Base64.getEncoder().encodeToString(KEY_1);
        String key2 = Base64.getEncoder().encodeToString(KEY_2);
        Map<Integer, byte[]> ring = Secrets.parse(" 2:" + key2 + " , 1:" + key1);
        assertEquals(2, ring.size());
        assertEquals(nir, new NirVault(Secrets.parse("1:" + key1), 1).decrypt(vault.encrypt(nir, holder), holder));
        for (String bad : new String[] {key1, "x:" + key1, "1:" + key1 + "%", "1:" + key1 + ",1:" + key2}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Secrets.parse(bad));
            assertFalse(refused.getMessage().contains(key1.substring(0, 8)), refused.getMessage());
            assertFalse(refused.getMessage().contains(key2.substring(0, 8)), refused.getMessage());
        }
    }

    private static String changed(String stored, UnaryOperator<byte[]> change) {
        return Base64.getEncoder().encodeToString(change.apply(Base64.getDecoder().decode(stored)));
    }

    private static byte[] flip(byte[] bytes, int index, int bits) {
        bytes[index] ^= (byte) bits;
        return bytes;
    }

    private static void assertNoNir(Throwable refused) {
        assertNoNir(refused, "");
    }

    private static void assertNoNir(Throwable refused, String what) {
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(NUMBER), "a NIR in an error " + what);
        }
    }
}
