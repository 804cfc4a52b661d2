package fr.cpa.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.person.PivotMatch.Candidate;
import fr.cpa.platform.person.PivotMatch.Criterion;

class PivotMatchTest {

    private static final LocalDate MAY_14_1985 = LocalDate.of(1985, 5, 14);
    private static final String SPAIN = "99134";

    // Lucía García, born in the 16th arrondissement of Paris; FranceConnect gives the city.
    private static final Nir LUCIA_NIR = Nirs.valid("2850575116042");
    private static final PivotIdentity LUCIA = new PivotIdentity("GARCIA", "LUCIA MARIA", MAY_14_1985, Gender.FEMALE,
            "75056", BirthPlaces.FRANCE);
    private static final Candidate LUCIA_HOLDER = new Candidate("García", null, "Lucía", MAY_14_1985, LUCIA_NIR);

    @Test
    void accentsCaseAndTheParisArrondissementMatch() {
        PivotMatch match = PivotMatch.of(LUCIA, LUCIA_HOLDER);
        assertTrue(match.matches());
        assertEquals(Set.of(), match.failed());
        assertEquals(Set.of(), match.unchecked());
        assertEquals("PivotMatch[MATCH]", match.toString());
    }

    @Test
    void compoundNamesAndALyonArrondissementMatch() {
        PivotIdentity pivot = new PivotIdentity("MARTIN DUPONT", "JEAN PIERRE MARIE", MAY_14_1985, Gender.MALE,
                "69123", BirthPlaces.FRANCE);
        Nir lyon3 = Nirs.valid("1850569383017");
        assertTrue(PivotMatch.of(pivot, new Candidate("Martin-Dupont", null, "Jean-Pierre", MAY_14_1985, lyon3))
                .matches());
        assertTrue(PivotMatch.of(pivot, new Candidate("Martin", null, "Jean", MAY_14_1985, lyon3)).matches());
        assertTrue(PivotMatch.of(pivot, new Candidate("Dupont", "", "jean pierre", MAY_14_1985, lyon3)).matches());
    }

    @Test
    void aMarseilleArrondissementMatchesTheCity() {
        PivotIdentity pivot = new PivotIdentity("OUVRARD", "ZOE", MAY_14_1985, Gender.FEMALE, "13055",
                BirthPlaces.FRANCE);
        Nir marseille8 = Nirs.valid("2850513208101");
        assertTrue(PivotMatch.of(pivot, new Candidate("Ouvrard", null, "Zoé", MAY_14_1985, marseille8)).matches());
    }

    @Test
    void theFamilyNameMayMatchTheUsageName() {
        // FranceConnect gives the birth name; a holder may have registered under their usage name only by mistake.
        PivotIdentity pivot = new PivotIdentity("DURAND", "LUCIA", MAY_14_1985, Gender.FEMALE, "75056",
                BirthPlaces.FRANCE);
        Candidate married = new Candidate("Garcia", "Durand", "Lucia", MAY_14_1985, LUCIA_NIR);
        assertTrue(PivotMatch.of(pivot, married).matches());
        Candidate noUsageName = new Candidate("Garcia", null, "Lucia", MAY_14_1985, LUCIA_NIR);
        assertEquals(Set.of(Criterion.FAMILY_NAME), PivotMatch.of(pivot, noUsageName).failed());
        // The birth name still matches when a usage name is also registered.
        Candidate withUsage = new Candidate("García", "Durand", "Lucia", MAY_14_1985, LUCIA_NIR);
        assertTrue(PivotMatch.of(LUCIA, withUsage).matches());
    }

    @Test
    void apostrophesAndLigaturesMatch() {
        PivotIdentity pivot = new PivotIdentity("D'ARTAGNAN", "CHARLES", MAY_14_1985, Gender.MALE, "75056",
                BirthPlaces.FRANCE);
        Nir paris = Nirs.valid("1850575116042");
        assertTrue(PivotMatch.of(pivot, new Candidate("Dartagnan", null, "Charles", MAY_14_1985, paris)).matches());
        assertTrue(PivotMatch.of(pivot, new Candidate("d’Artagnan", null, "Charles", MAY_14_1985, paris)).matches());
        PivotIdentity oeuvrard = new PivotIdentity("ŒUVRARD", "ŒLINE", MAY_14_1985, Gender.MALE, "75056",
                BirthPlaces.FRANCE);
        assertTrue(PivotMatch.of(oeuvrard, new Candidate("Oeuvrard", null, "Oeline", MAY_14_1985, paris)).matches());
    }

    @Test
    void bornAbroadMatchesTheCountryCode() {
        Nir spain = Nirs.valid("2850599134045");
        PivotIdentity pivot = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, "", SPAIN);
        Candidate holder = new Candidate("García", null, "Lucía", MAY_14_1985, spain);
        assertTrue(PivotMatch.of(pivot, holder).matches());
        PivotIdentity germany = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, null, "99109");
        assertEquals(Set.of(Criterion.BIRTH_PLACE), PivotMatch.of(germany, holder).failed());
        assertEquals(Set.of(Criterion.BIRTH_PLACE), PivotMatch.of(LUCIA, holder).failed());
    }

    @Test
    void bornInFranceNeedsFranceAndTheSameCommune() {
        PivotIdentity abroad = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, null, SPAIN);
        assertEquals(Set.of(Criterion.BIRTH_PLACE), PivotMatch.of(abroad, LUCIA_HOLDER).failed());
        PivotIdentity lyon = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, "69123",
                BirthPlaces.FRANCE);
        assertEquals(Set.of(Criterion.BIRTH_PLACE), PivotMatch.of(lyon, LUCIA_HOLDER).failed());
        PivotIdentity noCommune = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, " ",
                BirthPlaces.FRANCE);
        assertEquals(Set.of(Criterion.BIRTH_PLACE), PivotMatch.of(noCommune, LUCIA_HOLDER).failed());
    }

    @Test
    void corsicaAndOverseasMatch() {
        PivotIdentity ajaccio = new PivotIdentity("CASANOVA", "ANGE", LocalDate.of(1970, 3, 2), Gender.MALE, "2A004",
                BirthPlaces.FRANCE);
        Nir beforeTheSplit = Nirs.valid("1700320004031");
        assertTrue(PivotMatch.of(ajaccio, new Candidate("Casanova", null, "Ange", LocalDate.of(1970, 3, 2),
                beforeTheSplit)).matches());
        PivotIdentity guadeloupe = new PivotIdentity("LUBIN", "MARIE", MAY_14_1985, Gender.FEMALE, "97105",
                BirthPlaces.FRANCE);
        Nir basseTerre = Nirs.valid("2850597105012");
        assertTrue(PivotMatch.of(guadeloupe, new Candidate("Lubin", null, "Marie", MAY_14_1985, basseTerre))
                .matches());
    }

    @Test
    void aTemporaryNumberLeavesThePlaceUnchecked() {
        Nir temporary = Nirs.valid("8850599999123");
        PivotMatch match = PivotMatch.of(LUCIA, new Candidate("Garcia", null, "Lucia", MAY_14_1985, temporary));
        assertTrue(match.matches());
        assertEquals(Set.of(Criterion.BIRTH_PLACE), match.unchecked());
        assertEquals("PivotMatch[MATCH, unchecked [BIRTH_PLACE]]", match.toString());
        // Everything else must still agree.
        PivotMatch wrongDate = PivotMatch.of(LUCIA, new Candidate("Garcia", null, "Lucia", MAY_14_1985.plusDays(1),
                temporary));
        assertEquals(Set.of(Criterion.BIRTH_DATE), wrongDate.failed());
    }

    @Test
    void aDifferentBirthDay() {
        PivotIdentity nextDay = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985.plusDays(1), Gender.FEMALE, "75056",
                BirthPlaces.FRANCE);
        PivotMatch match = PivotMatch.of(nextDay, LUCIA_HOLDER);
        assertFalse(match.matches());
        assertEquals(Set.of(Criterion.BIRTH_DATE), match.failed());
    }

    @Test
    void aBirthMonthTheNirDoesNotCarry() {
        PivotIdentity june = new PivotIdentity("GARCIA", "LUCIA", LocalDate.of(1985, 6, 14), Gender.FEMALE, "75056",
                BirthPlaces.FRANCE);
        assertEquals(EnumSet.of(Criterion.BIRTH_DATE, Criterion.NIR_BIRTH_DATE),
                PivotMatch.of(june, LUCIA_HOLDER).failed());
        // A holder who registered the same wrong date is still caught by the NIR.
        Candidate sameWrongDate = new Candidate("Garcia", null, "Lucia", LocalDate.of(1985, 6, 14), LUCIA_NIR);
        assertEquals(Set.of(Criterion.NIR_BIRTH_DATE), PivotMatch.of(june, sameWrongDate).failed());
    }

    @Test
    void anUnknownMonthInTheNirChecksTheYearOnly() {
        Nir unknownMonth = Nirs.valid("2852075116042");
        LocalDate november = LocalDate.of(1985, 11, 2);
        PivotIdentity pivot = new PivotIdentity("GARCIA", "LUCIA", november, Gender.FEMALE, "75056",
                BirthPlaces.FRANCE);
        assertTrue(PivotMatch.of(pivot, new Candidate("Garcia", null, "Lucia", november, unknownMonth)).matches());
    }

    @Test
    void aDifferentGender() {
        PivotIdentity male = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.MALE, "75056",
                BirthPlaces.FRANCE);
        assertEquals(Set.of(Criterion.GENDER), PivotMatch.of(male, LUCIA_HOLDER).failed());
    }

    @Test
    void aDifferentPersonWithTheSameName() {
        PivotIdentity namesake = new PivotIdentity("GARCIA", "LUCIA", LocalDate.of(1992, 9, 3), Gender.FEMALE,
                "33063", BirthPlaces.FRANCE);
        PivotMatch match = PivotMatch.of(namesake, LUCIA_HOLDER);
        assertFalse(match.matches());
        assertEquals(EnumSet.of(Criterion.BIRTH_DATE, Criterion.BIRTH_PLACE, Criterion.NIR_BIRTH_DATE),
                match.failed());
    }

    @Test
    void aTwinWithAnotherCompoundGivenName() {
        // Same family, day, place and sex: only the given names tell Jean-Pierre from Jean.
        PivotIdentity jeanPierre = new PivotIdentity("MARTIN", "JEAN-PIERRE LOUIS", MAY_14_1985, Gender.MALE,
                "75056", BirthPlaces.FRANCE);
        Candidate jean = new Candidate("Martin", null, "Jean", MAY_14_1985, Nirs.valid("1850575116043"));
        assertEquals(Set.of(Criterion.GIVEN_NAMES), PivotMatch.of(jeanPierre, jean).failed());
    }

    @Test
    void everyFailedCriterionIsListedAndNoValueShows() {
        PivotIdentity other = new PivotIdentity("DUPONT", "PAUL", LocalDate.of(1990, 1, 1), Gender.MALE, "69123",
                BirthPlaces.FRANCE);
        PivotMatch match = PivotMatch.of(other, LUCIA_HOLDER);
        assertEquals(EnumSet.allOf(Criterion.class), match.failed());
        assertEquals("PivotMatch[NO_MATCH [BIRTH_DATE, FAMILY_NAME, GIVEN_NAMES, BIRTH_PLACE, GENDER, NIR_BIRTH_DATE]]",
                match.toString());
        assertThrows(UnsupportedOperationException.class, () -> match.failed().clear());
    }

    @Test
    void personalDataNeverShowsInText() {
        assertEquals("PivotIdentity[***]", LUCIA.toString());
        assertEquals("Candidate[***]", LUCIA_HOLDER.toString());
    }

    @Test
    void requiredFieldsAreRequired() {
        assertThrows(NullPointerException.class, () -> PivotMatch.of(null, LUCIA_HOLDER));
        assertThrows(NullPointerException.class, () -> PivotMatch.of(LUCIA, null));
        assertThrows(NullPointerException.class,
                () -> new PivotIdentity("GARCIA", "LUCIA", null, Gender.FEMALE, "75056", BirthPlaces.FRANCE));
        assertThrows(NullPointerException.class, () -> new Candidate("Garcia", null, "Lucia", MAY_14_1985, null));
    }

    @Test
    void claimsAreTidied() {
        PivotIdentity pivot = new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, " 2a004 ", " 99100 ");
        assertEquals("2A004", pivot.birthPlace());
        assertEquals(BirthPlaces.FRANCE, pivot.birthCountry());
        assertTrue(pivot.bornInFrance());
        assertEquals(null, new PivotIdentity("GARCIA", "LUCIA", MAY_14_1985, Gender.FEMALE, "", SPAIN).birthPlace());
    }
}
