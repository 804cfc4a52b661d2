package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NirTest {

    @ParameterizedTest
    @CsvSource({
            "185057511604218, 185057511604218",
            "1 85 05 75 116 042 18, 185057511604218",
            "1.85.05.75.116.042.18, 185057511604218",
            "290116912301787, 290116912301787",
            "285052A12345680, 285052A12345680",
            "2 85 05 2a 123 456 80, 285052A12345680",
            "185052B01234509, 185052B01234509"})
    void validNumbersAreReadHoweverTheyAreTyped(String typed, String value) {
        assertEquals(value, Nir.parse(typed).value());
    }

    @ParameterizedTest
    @CsvSource({
            "185057511604219, KEY",
            "285052A12345681, KEY",
            "185057511604218 1, FORMAT",
            "18505751160421, FORMAT",
            "18505751160A218, FORMAT",
            "285052C12345680, FORMAT",
            "385057511604218, SEX",
            "185137511604218, MONTH",
            "185007511604218, MONTH"})
    void invalidNumbersSayWhichRuleFailedAndNeverTheValue(String typed, Nir.Problem problem) {
        Nir.InvalidNirException e = assertThrows(Nir.InvalidNirException.class, () -> Nir.parse(typed));
        assertEquals(problem, e.problem());
        assertFalse(e.getMessage().contains(typed.substring(0, 10)));
    }

    @Test
    void nullAndEmptyAreFormatErrors() {
        assertEquals(Nir.Problem.FORMAT, assertThrows(Nir.InvalidNirException.class, () -> Nir.parse(null)).problem());
        assertEquals(Nir.Problem.FORMAT, assertThrows(Nir.InvalidNirException.class, () -> Nir.parse("")).problem());
    }

    @Test
    void corsicaIsReadAs19And18ForTheKey() {
        assertEquals(80, Nir.keyOf("285052A123456"));
        assertEquals(9, Nir.keyOf("185052B012345"));
        assertEquals(18, Nir.keyOf("1850575116042"));
    }

    @Test
    void temporaryNumbersAreAcceptedAndFlagged() {
        assertTrue(Nir.parse("785059912345695").temporary());
        assertFalse(Nir.parse("185057511604218").temporary());
    }

    @Test
    void birthDateMustAgreeWithTheYearAndKnownMonth() {
        Nir may1985 = Nir.parse("185057511604218");
        assertTrue(may1985.consistentWith(LocalDate.of(1985, 5, 14)));
        assertFalse(may1985.consistentWith(LocalDate.of(1985, 6, 14)));
        assertFalse(may1985.consistentWith(LocalDate.of(1986, 5, 14)));
        Nir unknownMonth = Nir.parse("185209912345653");
        assertEquals(Optional.empty(), unknownMonth.birthMonth());
        assertTrue(unknownMonth.consistentWith(LocalDate.of(1985, 11, 2)));
    }

    @Test
    void theNumberNeverShowsInText() {
        Nir nir = Nir.parse("185057511604218");
        assertEquals("Nir[***]", nir.toString());
        assertEquals(Nir.parse("1 85 05 75 116 042 18"), nir);
    }
}
