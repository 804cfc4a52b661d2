package fr.cpa.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource({
            "06 12 34 56 78, +33612345678",
            "06.12.34.56.78, +33612345678",
            "01-44-55-66-77, +33144556677",
            "+33 6 12 34 56 78, +33612345678",
            "+33 (0)6 12 34 56 78, +33612345678",
            "0033612345678, +33612345678",
            "+262 262 12 34 56, +262262123456",
            "+44 20 7946 0958, +442079460958"})
    void frenchAndInternationalFormsBecomeE164(String typed, String e164) {
        assertEquals(Optional.of(e164), PhoneNumber.toE164(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "00 12", "6 12 34 56 78", "+0 612345678", "06 12 34 56 7", "phone"})
    void anythingElseIsRefused(String typed) {
        assertEquals(Optional.empty(), PhoneNumber.toE164(typed));
    }
}
