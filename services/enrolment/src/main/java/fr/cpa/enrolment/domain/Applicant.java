package fr.cpa.enrolment.domain;

import java.util.UUID;

/**
 * The holder who applies, as their token names them: the organisation needs their name and address, and mails go
 * to that address. Never a NIR.
 */
public record Applicant(UUID holderId, String name, String email) {

    @Override
    public String toString() {
        return "Applicant[" + holderId + "]";
    }
}
