package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

    @ParameterizedTest
    @CsvSource({
            "1850575116042, MALE",
            "2850575116042, FEMALE",
            "7850575116042, MALE",
            "8850575116042, FEMALE"})
    void theFirstDigitIsTheSex(String number, Gender gender) {
        assertEquals(gender, Nirs.valid(number).gender());
    }

    @ParameterizedTest
    @CsvSource({
            "1850575116042, 75116, 75",
            "285052A004123, 2A004, 2A",
            "185052B033123, 2B033, 2B",
            "1500520004123, 20004, 20",
            "1850501053123, 01053, 01",
            "1850597105123, 97105, 971",
            "2850597411123, 97411, 974",
            "1850598735012, 98735, 987"})
    void bornInFranceIsTheCommuneCodeWithItsDepartment(String number, String commune, String department) {
        NirBirthPlace place = Nirs.valid(number).birthPlace();
        NirBirthPlace.InFrance inFrance = assertInstanceOf(NirBirthPlace.InFrance.class, place);
        assertEquals(commune, inFrance.commune());
        assertEquals(department, inFrance.department());
    }

    @ParameterizedTest
    @CsvSource({
            "1850599134123, 99134",
            "2850599109045, 99109",
            "1850599350001, 99350"})
    void bornAbroadIsTheCountryCode(String number, String country) {
        assertEquals(new NirBirthPlace.Abroad(country), Nirs.valid(number).birthPlace());
    }

    @ParameterizedTest
    @CsvSource({
            "7850575116042", // temporary: not established yet
            "8850599134123",
            "1850599100123", // 99 then France itself
            "1850599000123", // 99 then no country
            "1850500123123", // department 00
            "1850596123123", // 96: no department today
            "1850575000123", // commune 000
            "1850597100123"}) // overseas commune 00
    void otherwiseThePlaceIsUnknown(String number) {
        assertEquals(NirBirthPlace.UNKNOWN, Nirs.valid(number).birthPlace());
    }

    @Test
    void theExistingNumbersStillReadTheSame() {
        Nir paris = Nir.parse("185057511604218");
        assertEquals(Gender.MALE, paris.gender());
        assertEquals(new NirBirthPlace.InFrance("75116"), paris.birthPlace());
        assertEquals(new NirBirthPlace.InFrance("2A123"), Nir.parse("285052A12345680").birthPlace());
        assertEquals(new NirBirthPlace.InFrance("69123"), Nir.parse("290116912301787").birthPlace());
        assertEquals(NirBirthPlace.UNKNOWN, Nir.parse("785059912345695").birthPlace());
    }

    @Test
    void theNumberNeverShowsInText() {
        Nir nir = Nir.parse("185057511604218");
        assertEquals("Nir[***]", nir.toString());
        assertEquals(Nir.parse("1 85 05 75 116 042 18"), nir);
    }
}
