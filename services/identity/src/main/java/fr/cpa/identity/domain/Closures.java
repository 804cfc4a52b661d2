package fr.cpa.identity.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import fr.cpa.identity.client.KeycloakUsers;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.identity.persistence.PersonDeath;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderClosed;
import fr.cpa.platform.mail.Mails;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The end of an online space: closed by the holder (the login ends, the rights stay, they belong to the person), or
 * by an operator recording a death (seeds 003: the account closes at the date of death).
 */
@ApplicationScoped
public class Closures {

    private static final Logger LOG = Logger.getLogger(Closures.class);
    public static final String HOLDER_REQUEST = "HOLDER_REQUEST";
    public static final String DEATH = "DEATH";

    private final KeycloakUsers keycloak;
    private final PersonKeys personKeys;
    private final Outbox outbox;
    private final Mails mails;
    private final Clock clock;

    Closures(KeycloakUsers keycloak, PersonKeys personKeys, Outbox outbox, Mails mails, Clock clock) {
        this.keycloak = keycloak;
        this.personKeys = personKeys;
        this.outbox = outbox;
        this.mails = mails;
        this.clock = clock;
    }

    @Transactional
    public Holder closeOwnSpace(UUID holderId) {
        Holder holder = Holder.<Holder>findByIdOptional(holderId, LockModeType.PESSIMISTIC_WRITE)
                .filter(h -> h.status == Holder.Status.ACTIVE)
                .orElseThrow(() -> new ProblemException(Holders.NO_SPACE));
        close(holder, HOLDER_REQUEST, null);
        mails.send(holder.email, IdentityMail.SPACE_CLOSED, Map.of("name", holder.givenNames));
        return holder;
    }

    public record RecordedDeath(boolean newlyRecorded, LocalDate dateOfDeath, boolean hadOnlineSpace) {
    }

    /**
     * Records a death by NIR (in the body, never in a URL). Recording the same death again changes nothing; another
     * date for a recorded death is a conflict for support to settle.
     */
    @Transactional
    public RecordedDeath recordDeath(String nirText, LocalDate dateOfDeath, String operator) {
        Nir nir;
        try {
            nir = Nir.parse(nirText);
        } catch (Nir.InvalidNirException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The NIR is invalid.",
                    List.of(new FieldError("nir", e.problem().reason())));
        }
        if (dateOfDeath == null || dateOfDeath.isAfter(LocalDate.now(clock))) {
            throw new ProblemException(ProblemType.VALIDATION, "The date of death is invalid.",
                    List.of(new FieldError("dateOfDeath", "is required and cannot be in the future")));
        }
        String personKey = personKeys.of(nir);
        Optional<Holder> holder = Holder.byPersonKey(personKey);
        Optional<PersonDeath> known = PersonDeath.findByIdOptional(personKey, LockModeType.PESSIMISTIC_WRITE);
        if (known.isPresent()) {
            if (!known.get().dateOfDeath.equals(dateOfDeath)) {
                throw new ProblemException(ProblemType.CONFLICT, "Another date of death is already recorded.");
            }
            return new RecordedDeath(false, dateOfDeath, holder.isPresent());
        }
        PersonDeath death = new PersonDeath();
        death.personKey = personKey;
        death.dateOfDeath = dateOfDeath;
        death.recordedBy = operator;
        death.recordedAt = clock.instant();
        death.persist();
        if (holder.isPresent() && holder.get().status != Holder.Status.CLOSED) {
            close(holder.get(), DEATH, dateOfDeath);
        } else {
            holder.ifPresent(h -> {
                h.closureReason = DEATH;
                h.dateOfDeath = dateOfDeath;
            });
            outbox.append(Topics.IDENTITY_HOLDERS, new HolderClosed(holder.map(h -> h.id).orElse(null), personKey,
                    DEATH, clock.instant(), dateOfDeath));
        }
        LOG.infof("Death recorded by %s", operator);
        return new RecordedDeath(true, dateOfDeath, holder.isPresent());
    }

    private void close(Holder holder, String reason, LocalDate dateOfDeath) {
        keycloak.disable(holder.id.toString());
        holder.status = Holder.Status.CLOSED;
        holder.closedAt = clock.instant();
        holder.closureReason = reason;
        holder.dateOfDeath = dateOfDeath;
        outbox.append(Topics.IDENTITY_HOLDERS,
                new HolderClosed(holder.id, holder.personKey, reason, holder.closedAt, dateOfDeath));
        LOG.infof("Online space of holder %s closed: %s", holder.id, reason);
    }
}
