package fr.cpa.identity.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.cpa.identity.client.KeycloakUsers;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.web.json.StrictJson;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A holder's profile: reading it, and editing it with a JSON merge patch (RFC 7396). */
@ApplicationScoped
public class Holders {

    public static final ProblemType NO_SPACE = ProblemType.of("no-online-space", 404,
            "There is no active online space for this login.");

    // The fields other services compute with: a change to one of them is announced.
    private static final List<String> SHARED = List.of("employmentStatus", "workplaceSiret", "workRegion",
            "residenceRegion", "branchIdcc", "diplomaLevel", "apprenticeshipContract");

    private final ObjectMapper json;
    private final ObjectMapper strict;
    private final Outbox outbox;
    private final KeycloakUsers keycloak;

    Holders(ObjectMapper json, StrictJson strictJson, Outbox outbox, KeycloakUsers keycloak) {
        this.json = json;
        this.strict = strictJson.getContext(Profile.class);
        this.outbox = outbox;
        this.keycloak = keycloak;
    }

    /** The active holder of this login, or a 404 problem: a closed or unvalidated space has no profile. */
    public static Holder active(UUID holderId) {
        return Holder.<Holder>findByIdOptional(holderId)
                .filter(holder -> holder.status == Holder.Status.ACTIVE)
                .orElseThrow(() -> new ProblemException(NO_SPACE));
    }

    public static Profile profileOf(Holder holder) {
        Profile.Address address = holder.addressLine1 == null ? null
                : new Profile.Address(holder.addressLine1, holder.addressLine2, holder.postcode, holder.city,
                        holder.country);
        return new Profile(holder.usageName, holder.mobilePhone, holder.landlinePhone, address,
                holder.residenceRegion,
                holder.employmentStatus == null ? null : Profile.EmploymentStatus.valueOf(holder.employmentStatus),
                holder.workplaceSiret, holder.workRegion, holder.branchIdcc,
                holder.diplomaLevel == null ? null : Profile.DiplomaLevel.valueOf(holder.diplomaLevel),
                holder.apprenticeship, new Profile.Notifications(holder.notifyByEmail, holder.notifyBySms));
    }

    /**
     * Applies a merge patch to the editable profile: members present replace, {@code null} removes. The result is
     * checked whole; changes to what other services use go out as {@code HolderProfileChanged}.
     */
    @Transactional
    public Holder patch(UUID holderId, JsonNode patch) throws JsonProcessingException {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_BODY, "The body must be a JSON object (a merge patch).");
        }
        Holder holder = Holder.<Holder>findByIdOptional(holderId, LockModeType.PESSIMISTIC_WRITE)
                .filter(h -> h.status == Holder.Status.ACTIVE)
                .orElseThrow(() -> new ProblemException(NO_SPACE));
        Profile before = profileOf(holder);
        Profile after = merge(before, patch);
        List<FieldError> errors = new ArrayList<>();
        String usageName = HolderFields.name("usageName", after.usageName(), false, errors);
        String mobile = HolderFields.phone("mobilePhone", after.mobilePhone(), errors);
        String landline = HolderFields.phone("landlinePhone", after.landlinePhone(), errors);
        ProfileFields.address(after.address(), errors);
        ProfileFields.region("residenceRegion", after.residenceRegion(), errors);
        ProfileFields.region("workRegion", after.workRegion(), errors);
        ProfileFields.siret("workplaceSiret", after.workplaceSiret(), errors);
        ProfileFields.idcc("branchIdcc", after.branchIdcc(), errors);
        Profile.Notifications notifications = after.notifications() == null
                ? new Profile.Notifications(true, false) : after.notifications();
        if (Boolean.TRUE.equals(notifications.sms()) && mobile == null) {
            errors.add(new FieldError("notifications.sms", "needs a mobile phone number"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Some fields of the profile are invalid.", errors);
        }
        boolean renamed = !Objects.equals(usageName, holder.usageName);
        holder.usageName = usageName;
        holder.mobilePhone = mobile;
        holder.landlinePhone = landline;
        Profile.Address address = after.address();
        holder.addressLine1 = address == null ? null : address.line1().trim();
        holder.addressLine2 = address == null || address.line2() == null ? null : address.line2().trim();
        holder.postcode = address == null ? null : address.postcode().trim();
        holder.city = address == null ? null : address.city().trim();
        holder.country = address == null ? null : address.country() == null ? "FR" : address.country();
        holder.residenceRegion = after.residenceRegion();
        holder.employmentStatus = after.employmentStatus() == null ? null : after.employmentStatus().name();
        holder.workplaceSiret = after.workplaceSiret();
        holder.workRegion = after.workRegion();
        holder.branchIdcc = after.branchIdcc();
        holder.diplomaLevel = after.diplomaLevel() == null ? null : after.diplomaLevel().name();
        holder.apprenticeship = Boolean.TRUE.equals(after.apprenticeshipContract());
        holder.notifyByEmail = !Boolean.FALSE.equals(notifications.email());
        holder.notifyBySms = Boolean.TRUE.equals(notifications.sms());
        if (renamed) {
            keycloak.changeNames(holder.id.toString(), holder.givenNames, holder.familyName());
        }
        List<String> changed = new ArrayList<>(changedShared(before, profileOf(holder)));
        if (!Objects.equals(before.notifications().email(), holder.notifyByEmail)) {
            // Services that mail the holder (enrolment) follow the preference.
            changed.add("notifications.email");
        }
        if (!changed.isEmpty()) {
            outbox.append(Topics.IDENTITY_HOLDERS, new HolderProfileChanged(holder.id, holder.personKey, changed,
                    holder.employmentStatus, holder.workplaceSiret, holder.workRegion, holder.residenceRegion,
                    holder.branchIdcc, holder.diplomaLevel, holder.apprenticeship, holder.notifyByEmail));
        }
        return holder;
    }

    /** The patched profile, read as strictly as a request body: a wrong value is a 400 naming its field. */
    private Profile merge(Profile current, JsonNode patch) throws JsonProcessingException {
        ObjectNode document = json.valueToTree(current);
        mergeInto(document, patch);
        return strict.treeToValue(document, Profile.class);
    }

    /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
    static void mergeInto(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(member -> {
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(member.getKey());
            } else if (value.isObject() && target.get(member.getKey()) instanceof ObjectNode existing) {
                mergeInto(existing, value);
            } else {
                target.set(member.getKey(), value.deepCopy());
            }
        });
    }

    private List<String> changedShared(Profile before, Profile after) {
        JsonNode a = json.valueToTree(before);
        JsonNode b = json.valueToTree(after);
        return SHARED.stream().filter(field -> !Objects.equals(a.get(field), b.get(field))).toList();
    }
}
