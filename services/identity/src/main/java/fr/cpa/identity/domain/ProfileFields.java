package fr.cpa.identity.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.cpa.platform.web.problem.FieldError;

/** Checks of the profile's codes: regions, SIRET, branch, postal address. */
final class ProfileFields {

    private static final Set<String> REGIONS = loadRegions();
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern IDCC = Pattern.compile("\\d{4}");
    private static final Pattern FRENCH_POSTCODE = Pattern.compile("\\d{5}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int LINE_MAX = 100;
    // La Poste's establishments share one SIREN whose SIRETs follow another checksum (sum of digits, multiple of 5).
    private static final String LA_POSTE_SIREN = "356000000";

    private ProfileFields() {
    }

    static void region(String field, String value, List<FieldError> errors) {
        if (value != null && !REGIONS.contains(value)) {
            errors.add(new FieldError(field, "must be an INSEE region code such as 11 (Île-de-France)"));
        }
    }

    static void siret(String field, String value, List<FieldError> errors) {
        if (value != null && !(SIRET.matcher(value).matches() && siretChecksumOk(value))) {
            errors.add(new FieldError(field, "must be a SIRET: 14 digits with a valid check digit"));
        }
    }

    static boolean siretChecksumOk(String siret) {
        if (siret.startsWith(LA_POSTE_SIREN)) {
            return siret.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        int sum = 0;
        for (int i = 0; i < siret.length(); i++) {
            int digit = siret.charAt(siret.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static void idcc(String field, String value, List<FieldError> errors) {
        if (value != null && !IDCC.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be the 4-digit IDCC of a collective agreement"));
        }
    }

    static void address(Profile.Address address, List<FieldError> errors) {
        if (address == null) {
            return;
        }
        String country = address.country() == null ? "FR" : address.country();
        if (!COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("address.country", "must be an ISO 3166 country code such as FR"));
        }
        line("address.line1", address.line1(), true, errors);
        line("address.line2", address.line2(), false, errors);
        line("address.city", address.city(), true, errors);
        if (address.postcode() == null || address.postcode().isBlank()) {
            errors.add(new FieldError("address.postcode", "is required"));
        } else if ("FR".equals(country) && !FRENCH_POSTCODE.matcher(address.postcode()).matches()) {
            errors.add(new FieldError("address.postcode", "must be 5 digits in France"));
        } else if (address.postcode().length() > 10) {
            errors.add(new FieldError("address.postcode", "must have at most 10 characters"));
        }
    }

    private static void line(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > LINE_MAX) {
            errors.add(new FieldError(field, "must have at most " + LINE_MAX + " characters"));
        }
    }

    private static Set<String> loadRegions() {
        try (InputStream in = ProfileFields.class.getResourceAsStream("/reference/regions.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("code;") && !line.isBlank())
                    .map(line -> line.substring(0, line.indexOf(';')))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
