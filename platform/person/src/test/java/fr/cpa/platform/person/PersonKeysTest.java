package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PersonKeysTest {

    private static final byte[] PEPPER = "a local pepper of 32 bytes or more".getBytes(StandardCharsets.UTF_8);

    private final PersonKeys keys = new PersonKeys(PEPPER);

    @Test
    void oneKeyPerPersonHoweverTheNirWasTyped() {
        String key = keys.of(Nir.parse("185057511604218"));
        assertEquals(key, keys.of(Nir.parse("1 85 05 75 116 042 18")));
        assertEquals(43, key.length());
        assertTrue(key.matches("[A-Za-z0-9_-]{43}"));
        assertNotEquals(key, keys.of(Nir.parse("290116912301787")));
    }

    @Test
    void theKeyIsAnHmacOfThePepperNotAPlainHash() {
        // Known answer: HMAC-SHA256(pepper, "185057511604218"), computed independently.
        assertEquals(KNOWN, keys.of(Nir.parse("185057511604218")));
        PersonKeys otherPepper = new PersonKeys("another pepper, also 32 bytes long".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(KNOWN, otherPepper.of(Nir.parse("185057511604218")));
    }

    @Test
    void aShortPepperIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PersonKeys("too short".getBytes(StandardCharsets.UTF_8)));
    }

    private static final String KNOWN = "W8pBDPaCPzftMjH60PF7rcqPfLD8GFxfp57BI2-PRec";
}
