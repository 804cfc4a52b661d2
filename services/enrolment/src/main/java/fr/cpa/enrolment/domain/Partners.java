package fr.cpa.enrolment.domain;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.enrolment.persistence.PartnerContact;

/** The mail addresses organisations and employers set for the platform's notifications. */
@ApplicationScoped
public class Partners {

    private final Clock clock;

    Partners(Clock clock) {
        this.clock = clock;
    }

    public Optional<String> email(String siret) {
        return PartnerContact.emailOf(siret);
    }

    @Transactional
    public void setEmail(String siret, String email) {
        PartnerContact contact = PartnerContact.<PartnerContact>findByIdOptional(siret).orElseGet(() -> {
            PartnerContact created = new PartnerContact();
            created.siret = siret;
            return created;
        });
        contact.email = email;
        contact.updatedAt = clock.instant();
        contact.persist();
    }
}
