package fr.cpa.platform.web.testapp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body with the usual shapes: nested object, list of objects, enum, date, renamed property, decimals. */
public record PersonRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Past LocalDate birthDate,
        @NotNull @Valid Address address,
        List<@Valid @NotNull Item> items,
        List<@NotBlank String> tags,
        Channel channel,
        @JsonProperty("employer_siret") @Pattern(regexp = "[0-9]{14}") String employerSiret,
        int age,
        BigDecimal weeklyHours,
        Double share) {

    public record Address(@NotBlank String street, @NotNull @Pattern(regexp = "[0-9]{5}") String postcode) {
    }

    public record Item(@NotBlank String label, @Positive long amount) {
    }

    public enum Channel {
        WEB, MOBILE
    }
}
