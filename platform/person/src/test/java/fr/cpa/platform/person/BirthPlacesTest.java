package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BirthPlacesTest {

    @ParameterizedTest
    @CsvSource({
            "75101, 75056",
            "75116, 75056",
            "75120, 75056",
            "75056, 75056",
            "75121, 75121",
            "69381, 69123",
            "69389, 69123",
            "69380, 69380",
            "13201, 13055",
            "13216, 13055",
            "13217, 13217",
            "2a004, 2A004",
            "' 75116 ', 75056",
            "99134, 99134"})
    void arrondissementsAreTheirCity(String code, String city) {
        assertEquals(city, BirthPlaces.cityOf(code));
    }

    @Test
    void noCodeHasNoCity() {
        assertNull(BirthPlaces.cityOf(null));
    }

    @ParameterizedTest
    @CsvSource({
            "75116, 75056", // the NIR's arrondissement, FranceConnect's city
            "75056, 75116",
            "75101, 75120", // two arrondissements of one city
            "69383, 69123",
            "13208, 13055",
            "2A004, 2a004",
            "20004, 2A004", // Corsica before 1976
            "2B033, 20033",
            "97105, 97105",
            "01053, 01053"})
    void sameCommune(String a, String b) {
        assertTrue(BirthPlaces.sameCommune(a, b));
        assertTrue(BirthPlaces.sameCommune(b, a));
    }

    @ParameterizedTest
    @CsvSource({
            "75116, 69123",
            "69123, 69124",
            "13055, 13056",
            "2A004, 2B004",
            "20004, 20033",
            "20004, 21004",
            "97105, 97104",
            "75116, 99134",
            "75116, ''",
            "'', ''"})
    void differentCommunes(String a, String b) {
        assertFalse(BirthPlaces.sameCommune(a, b));
        assertFalse(BirthPlaces.sameCommune(b, a));
    }

    @Test
    void aMissingCodeIsNoCommune() {
        assertFalse(BirthPlaces.sameCommune(null, "75056"));
        assertFalse(BirthPlaces.sameCommune("75056", null));
        assertFalse(BirthPlaces.sameCommune(null, null));
    }
}
