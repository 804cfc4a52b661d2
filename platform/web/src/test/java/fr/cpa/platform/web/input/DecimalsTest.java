package fr.cpa.platform.web.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.cpa.platform.web.input.InvalidDecimalException.Refusal;

class DecimalsTest {

    private static Refusal refusal(String text) {
        return assertThrows(InvalidDecimalException.class, () -> Decimals.parse(text)).refusal();
    }

    @ParameterizedTest
    @CsvSource({ "12.5, 12.5", "0, 0", "-3, -3", "+3, 3", "803.55, 803.55", "85.50, 85.50", ".5, 0.5", "5., 5",
            "1E+2, 1E+2", "1.5e9, 1.5E+9", "25e-9, 2.5E-8", "1e+09, 1E+9", "-0.0, 0.0",
            "12345678901234567890123456789012, 12345678901234567890123456789012" })
    void readsWhatBigDecimalReadsWithinBounds(String text, String expected) {
        assertEquals(new BigDecimal(expected), Decimals.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e30000000", "-1E-2147483648", "1e10", "1E-10", "1e99999999999999999999999999" })
    void refusesAnExponentBeyondNine(String text) {
        assertEquals(Refusal.EXPONENT_TOO_LARGE, refusal(text));
    }

    @Test
    void refusesMoreThan32CharactersBeforeLookingAtThem() {
        assertEquals(Refusal.TOO_LONG, refusal("1".repeat(10_000)));
        assertEquals(Refusal.TOO_LONG, refusal("0." + "0".repeat(30) + "1"));
        assertEquals(Refusal.TOO_LONG, refusal("x".repeat(33)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", " 12.5", "12.5 ", "1,5", "1 234", "abc", "-", ".", "e5", "1e", "1e+", "1.2.3",
            "--1", "0x10", "NaN", "Infinity", "\u0661\u0662", "12.5€" })
    void refusesWhatIsNoPlainDecimal(String text) {
        // No trimming, no decimal comma, no other scripts' digits: callers whose format has them normalise first.
        assertEquals(Refusal.NOT_A_DECIMAL, refusal(text));
    }

    @Test
    void refusesNull() {
        assertEquals(Refusal.NOT_A_DECIMAL, refusal(null));
    }

    @Test
    void reasonsNameTheBoundAndNeverTheValue() {
        InvalidDecimalException tooLong = assertThrows(InvalidDecimalException.class,
                () -> Decimals.parse("185057512345678185057512345678185057512345678"));
        assertEquals("must be a decimal number of at most 32 characters", tooLong.reason());
        assertEquals(tooLong.reason(), tooLong.reason("must be hours"));
        assertFalse(tooLong.getMessage().contains("1850575"));

        InvalidDecimalException exponent = assertThrows(InvalidDecimalException.class,
                () -> Decimals.parse("1e30000000"));
        assertEquals("must be a decimal number with an exponent from -9 to 9, if any", exponent.reason());

        InvalidDecimalException malformed = assertThrows(InvalidDecimalException.class, () -> Decimals.parse("1,5"));
        assertEquals("must be hours", malformed.reason("must be hours"));
    }

    @Test
    void checkReturnsTheTextUnchanged() {
        assertEquals("1E+2", Decimals.check("1E+2"));
    }
}
