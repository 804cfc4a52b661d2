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
 */
public record HolderProfileChanged(UUID holderId, String personKey, List<String> changed, String employmentStatus,
        String workplaceSiret, String workRegion, String residenceRegion, String branchIdcc, String diplomaLevel,
        boolean apprenticeship) implements DomainEvent {

    @Override
    public String subjectKey() {
        return personKey;
    }
}
