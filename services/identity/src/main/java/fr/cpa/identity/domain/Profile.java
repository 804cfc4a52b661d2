package fr.cpa.identity.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of a holder's profile they edit themselves (PATCH /me, JSON merge patch). Identity fields (NIR, birth
 * name, given names, birth date) are not here: they come from the civil status and change through support only.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Profile(String usageName, String mobilePhone, String landlinePhone, Address address,
        String residenceRegion, EmploymentStatus employmentStatus, String workplaceSiret, String workRegion,
        String branchIdcc, DiplomaLevel diplomaLevel, Boolean apprenticeshipContract, Notifications notifications) {

    public record Address(String line1, String line2, String postcode, String city, String country) {
    }

    public record Notifications(Boolean email, Boolean sms) {
    }

    /** The situations the CPA distinguishes (seeds 003: populations, each with its own CPF rules). */
    public enum EmploymentStatus {
        EMPLOYEE, JOB_SEEKER, JOB_SEEKER_CSP, PUBLIC_SERVANT, SELF_EMPLOYED, ESAT_WORKER, RETIRED
    }

    /** Highest diploma, national nomenclature of 2019 (level 3 = CAP/BEP, 4 = baccalauréat … 8 = doctorate). */
    public enum DiplomaLevel {
        NONE, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, LEVEL_5, LEVEL_6, LEVEL_7, LEVEL_8
    }
}
