package fr.cpa.enrolment.domain;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.enrolment.domain.lifecycle.Actor;
import fr.cpa.enrolment.domain.lifecycle.Actor.By;
import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.Steps;
import fr.cpa.enrolment.persistence.HolderProfile;
import fr.cpa.enrolment.persistence.TrainingApplication;

/**
 * What identity announces of holders: their person key (the ledger's accounts), their situation (a job seeker owes no
 * contribution), their workplace (the employer asked for an absence) and whether they want mails. A death ends
 * their applications that have not started, without forfeit.
 */
@ApplicationScoped
public class HolderProfiles {

    private final Clock clock;
    private final Steps steps;

    HolderProfiles(Clock clock, Steps steps) {
        this.clock = clock;
        this.steps = steps;
    }

    @Transactional(TxType.MANDATORY)
    public void registered(UUID holderId, String personKey) {
        if (personKey != null) {
            profile(holderId, personKey);
        }
    }

    @Transactional(TxType.MANDATORY)
    public void changed(UUID holderId, String personKey, String employmentStatus, String workplaceSiret,
            Boolean emailNotifications) {
        if (personKey == null) {
            // A login whose person is not identified yet has no rights to spend: nothing to keep of it.
            return;
        }
        HolderProfile profile = profile(holderId, personKey);
        profile.employmentStatus = employmentStatus;
        profile.workplaceSiret = workplaceSiret;
        if (emailNotifications != null) {
            profile.emailNotifications = emailNotifications;
        }
    }

    @Transactional(TxType.MANDATORY)
    public void closed(UUID holderId, boolean death) {
        HolderProfile profile = HolderProfile.<HolderProfile>findById(holderId);
        if (profile == null) {
            return;
        }
        profile.closed = true;
        profile.updatedAt = clock.instant();
        if (death) {
            for (TrainingApplication open : TrainingApplication.<TrainingApplication>list("holderId = ?1 and state in ?2",
                    holderId, java.util.EnumSet.of(ApplicationState.SUBMITTED, ApplicationState.PROPOSED,
                            ApplicationState.PAYMENT_PENDING, ApplicationState.PAYMENT_REFUSED,
                            ApplicationState.AWAITING_EMPLOYER, ApplicationState.CONFIRMED))) {
                TrainingApplication application = steps.lock(open.id);
                application.endedReason = "décès du titulaire";
                application.dueOn = null;
                steps.move(application, ApplicationState.CANCELLED_BY_HOLDER, new By(Actor.OPERATOR, null),
                        "décès du titulaire");
            }
        }
    }

    private HolderProfile profile(UUID holderId, String personKey) {
        HolderProfile profile = HolderProfile.<HolderProfile>findById(holderId);
        if (profile == null) {
            profile = new HolderProfile();
            profile.holderId = holderId;
            profile.personKey = personKey;
            profile.updatedAt = clock.instant();
            profile.persist();
            return profile;
        }
        profile.personKey = personKey;
        profile.updatedAt = clock.instant();
        return profile;
    }
}
