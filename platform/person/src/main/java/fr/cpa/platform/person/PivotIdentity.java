package fr.cpa.platform.person;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The FranceConnect "identité pivot" of a person, as its claims give it. {@code birthPlace} is the INSEE commune
 * code (the city for Paris, Lyon and Marseille), present only when {@code birthCountry} is {@link BirthPlaces#FRANCE};
 * {@code birthCountry} is the INSEE country code. Names are kept as given and compared by {@link PersonNames}.
 * {@link #toString()} shows nothing: every field is personal data.
 */
public record PivotIdentity(String familyName, String givenNames, LocalDate birthDate, Gender gender,
                            String birthPlace, String birthCountry) {

    public PivotIdentity {
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenNames, "givenNames");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birthCountry, "birthCountry");
        // FranceConnect sends an empty birthplace for people born abroad.
        birthPlace = birthPlace == null || birthPlace.isBlank() ? null : birthPlace.trim().toUpperCase(Locale.ROOT);
        birthCountry = birthCountry.trim();
    }

    /** True when the birth country is France. */
    public boolean bornInFrance() {
        return BirthPlaces.FRANCE.equals(birthCountry);
    }

    @Override
    public String toString() {
        return "PivotIdentity[***]";
    }
}
