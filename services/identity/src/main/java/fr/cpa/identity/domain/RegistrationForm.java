package fr.cpa.identity.domain;

import java.time.LocalDate;

/**
 * What a person types on the registration page (seeds 001, 003), as received: nothing is trusted yet.
 * {@link #toString()} hides the values, among them the NIR and the password.
 */
public record RegistrationForm(String nir, String givenNames, String birthName, String usageName, LocalDate birthDate,
        String email, String emailConfirmation, String mobilePhone, String landlinePhone, String password,
        Boolean termsAccepted, String termsVersion, Boolean apprenticeshipContract) {

    @Override
    public String toString() {
        return "RegistrationForm[***]";
    }
}
