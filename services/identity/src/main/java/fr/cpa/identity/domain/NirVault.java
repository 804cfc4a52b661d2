package fr.cpa.identity.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import fr.cpa.platform.person.Nir;

/**
 * Encrypts NIRs for storage with AES-256-GCM under a key ring: several key versions can decrypt, the current one
 * encrypts, so a key is rotated without rewriting every row at once (then {@link NirReencryption} rewrites them).
 *
 * <p>Stored value: base64 of a header byte, a random 12-byte IV, then the ciphertext and its 128-bit tag. The header's
 * low 7 bits are the key version (1 to 127); its high bit says the value is <em>bound</em> to its holder: the
 * associated data is the header byte followed by {@code "holder:" + holderId}, so a value copied to another holder's
 * row, or with its header changed, fails to decrypt.
 *
 * <p>Values written before binding have header 1 (key version 1, high bit clear) and were encrypted without associated
 * data. They still decrypt, whatever holder asks, until the re-encryption job has rewritten them bound; no other
 * unbound header is accepted, so once key version 1 leaves the ring no unbound value opens anywhere.
 */
public final class NirVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int BOUND = 0x80;
    private static final int MAX_VERSION = 0x7f;
    /** The only header written before values were bound: key version 1, unbound. */
    private static final int LEGACY_HEADER = 1;

    private final SortedMap<Integer, SecretKeySpec> keys = new TreeMap<>();
    private final int current;
    private final SecureRandom random = new SecureRandom();

    /** @param keys 32-byte AES keys by version (1 to 127); {@code current} must be one of them */
    public NirVault(Map<Integer, byte[]> keys, int current) {
        keys.forEach((version, key) -> {
            if (version < 1 || version > MAX_VERSION) {
                throw new IllegalArgumentException("NIR key versions go from 1 to " + MAX_VERSION + ", not " + version);
            }
            if (key == null || key.length != 32) {
                throw new IllegalArgumentException("NIR key version " + version + " must be 32 bytes (AES-256)");
            }
            this.keys.put(version, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!this.keys.containsKey(current)) {
            throw new IllegalArgumentException("the current NIR key version " + current + " is not in the key ring "
                    + this.keys.keySet());
        }
        this.current = current;
    }

    public int currentVersion() {
        return current;
    }

    public Set<Integer> versions() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** The header byte of what {@link #encrypt} writes now: a stored value with another one is due for rewriting. */
    public int currentHeader() {
        return BOUND | current;
    }

    /** Bound to the holder, under the current key, with a new IV each time so equal NIRs never look equal. */
    public String encrypt(Nir nir, UUID holderId) {
        int header = currentHeader();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, current, iv, associatedData(header, holderId),
                nir.value().getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                .put((byte) header).put(iv).put(sealed).array());
    }

    /** The NIR stored in the row of that holder, under whichever key version the value names. */
    public Nir decrypt(String stored, UUID holderId) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored NIR is not base64");
        }
        if (raw.length <= 1 + IV_BYTES) {
            throw new IllegalStateException("stored NIR is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        int header = in.get() & 0xff;
        int version = header & MAX_VERSION;
        boolean bound = (header & BOUND) != 0;
        if (!bound && header != LEGACY_HEADER) {
            throw new IllegalStateException("stored NIR has header " + header
                    + ": unbound values exist only under key version 1");
        }
        if (!keys.containsKey(version)) {
            throw new IllegalStateException("stored NIR is encrypted with key version " + version
                    + ", which is not in the key ring " + keys.keySet());
        }
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        byte[] plain = crypt(Cipher.DECRYPT_MODE, version, iv, bound ? associatedData(header, holderId) : null, sealed);
        return Nir.parse(new String(plain, StandardCharsets.US_ASCII));
    }

    private static byte[] associatedData(int header, UUID holderId) {
        byte[] owner = ("holder:" + holderId).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + owner.length).put((byte) header).put(owner).array();
    }

    private byte[] crypt(int mode, int version, byte[] iv, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keys.get(version), new GCMParameterSpec(TAG_BITS, iv));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.ENCRYPT_MODE) {
                throw new IllegalStateException("a NIR cannot be encrypted with key version " + version, e);
            }
            // Never the value: only that this value does not open with that key for that holder.
            throw new IllegalStateException("stored NIR cannot be decrypted with key version " + version
                    + " for this holder (another key, another holder's value, or tampered)", e);
        }
    }
}
