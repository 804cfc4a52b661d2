package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Lucía García | LUCIA GARCIA",
            "Müller | MULLER",
            "Françoise | FRANCOISE",
            "Œdipe | OEDIPE",
            "cœur | COEUR",
            "Lætitia | LAETITIA",
            "Straße | STRASSE",
            "Nøhr | NOHR",
            "Łukasz | LUKASZ",
            "d'Artagnan | D ARTAGNAN",
            "L’Hôpital | L HOPITAL",
            "Dʼ Artagnan | D ARTAGNAN",
            "Martin–Dupont | MARTIN DUPONT",
            "\"  Jean--Pierre   Marie. \" | JEAN PIERRE MARIE",
            "St. Cyr | ST CYR",
            "ﬁlippi | FILIPPI"})
    void normalisedIsUpperCaseUnaccentedAndSingleSpaced(String name, String normalised) {
        assertEquals(normalised, PersonNames.normalise(name));
    }

    @Test
    void nothingNormalisesToNothing() {
        assertEquals("", PersonNames.normalise(null));
        assertEquals("", PersonNames.normalise("  - ' "));
        assertEquals(List.of(), PersonNames.tokens(null));
    }

    @Test
    void particlesAreTokens() {
        assertEquals(List.of("DE", "LA", "FONTAINE"), PersonNames.tokens("de La Fontaine"));
        assertEquals(List.of("D", "ARTAGNAN"), PersonNames.tokens("D'Artagnan"));
        assertEquals(List.of("L", "HOPITAL"), PersonNames.tokens("l'hôpital"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Lucía García | LUCIA GARCIA",
            "García | GARCIA",
            "MARTIN-DUPONT | Martin Dupont",
            "Martin | Martin-Dupont", // one of two family names
            "Dupont | MARTIN DUPONT",
            "García-López | GARCIA LOPEZ",
            "D'Artagnan | DARTAGNAN", // spaces removed
            "D'Artagnan | D ARTAGNAN",
            "Le Goff | LEGOFF",
            "de La Fontaine | DELAFONTAINE",
            "de La Fontaine | Fontaine", // particle dropped
            "de La Fontaine | La Fontaine",
            "DARTAGNAN | D'Artagnan-Martin",
            "ŒUVRARD | Oeuvrard",
            "Æbersold | AEBERSOLD",
            "de | DE"})
    void sameFamilyName(String a, String b) {
        assertTrue(PersonNames.sameFamilyName(a, b));
        assertTrue(PersonNames.sameFamilyName(b, a));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Martin | Martins",
            "Marti | Martin",
            "Martin | Dupont",
            "Martin Dupont | Dupont Martin", // order matters
            "Dupont | Martin-Dupont-Durand", // neither a leading nor a trailing part
            "de | de La Fontaine", // particles alone are no name
            "de La | de La Fontaine",
            "Le | Le Goff",
            "Garcia | Garcias Lopez",
            "Martin | \"\"",
            "\"\" | \"\""})
    void differentFamilyNames(String a, String b) {
        assertFalse(PersonNames.sameFamilyName(a, b));
        assertFalse(PersonNames.sameFamilyName(b, a));
    }

    @Test
    void aMissingFamilyNameMatchesNothing() {
        assertFalse(PersonNames.sameFamilyName(null, "Martin"));
        assertFalse(PersonNames.sameFamilyName(null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Jean-Pierre | Jean Pierre Marie",
            "Jean | Jean Pierre Marie",
            "Jean Pierre | Jean-Pierre",
            "Jeanpierre | Jean-Pierre",
            "Jean-Pierre | Jean-Pierre Marie",
            "Jean Pierre | Jean-Pierre Marie",
            "Lucía | LUCIA MARIA",
            "Zoé | ZOE",
            "anne sophie | Anne-Sophie Claire",
            "Jean Pierre Marie | JEAN PIERRE MARIE"})
    void sameGivenNames(String a, String b) {
        assertTrue(PersonNames.sameGivenNames(a, b));
        assertTrue(PersonNames.sameGivenNames(b, a));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Jean | Jean-Pierre Marie", // Jean-Pierre is a first name of its own
            "Jean | Jean-Pierre",
            "Marie | Marie-Claire Sophie",
            "Pierre | Jean Pierre Marie", // not the first given name
            "Marie | Jean Pierre Marie",
            "Jean | Jeanne",
            "Jeanne | Jean Marie",
            "Jean Marie | Jean Pierre",
            "Jean | \"\""})
    void differentGivenNames(String a, String b) {
        assertFalse(PersonNames.sameGivenNames(a, b));
        assertFalse(PersonNames.sameGivenNames(b, a));
    }

    @Test
    void missingGivenNamesMatchNothing() {
        assertFalse(PersonNames.sameGivenNames(null, "Jean"));
        assertFalse(PersonNames.sameGivenNames("  ", "  "));
    }
}
