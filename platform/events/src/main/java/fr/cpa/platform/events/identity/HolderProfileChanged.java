package fr.cpa.platform.events.identity;

import java.util.List;
import java.util.UUID;

import fr.cpa.platform.events.DomainEvent;

/**
 * A holder changed a part of their profile that other services use to compute or show rights. The event carries
 * the new values of all those parts (not only the changed ones), so a consumer never needs an earlier event.
 * Contact details and the postal address stay in the identity service.
 *
 * @param changed names of the fields that changed, as in the profile API
 * @param employmentStatus EMPLOYEE, JOB_SEEKER, JOB_SEEKER_CSP, PUBLIC_SERVANT, SELF_EMPLOYED, ESAT_WORKER, RETIRED
 * @param diplomaLevel NONE or LEVEL_1 … LEVEL_8 (national nomenclature of 2019)
 * @param emailNotifications whether the holder wants mails from the platform's services (null from producers that
 *            predate it: then unknown); a change of it alone is announced too, as {@code notifications.email}
 */
public record HolderProfileChanged(UUID holderId, String personKey, List<String> changed, String employmentStatus,
        String workplaceSiret, String workRegion, String residenceRegion, String branchIdcc, String diplomaLevel,
        boolean apprenticeship, Boolean emailNotifications) implements DomainEvent {

    /** Without the mail preference, for producers that do not know it. */
    public HolderProfileChanged(UUID holderId, String personKey, List<String> changed, String employmentStatus,
            String workplaceSiret, String workRegion, String residenceRegion, String branchIdcc, String diplomaLevel,
            boolean apprenticeship) {
        this(holderId, personKey, changed, employmentStatus, workplaceSiret, workRegion, residenceRegion, branchIdcc,
                diplomaLevel, apprenticeship, null);
    }

    @Override
    public String subjectKey() {
        return personKey;
    }
}
