package fr.cpa.identity.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import fr.cpa.identity.client.KeycloakUsers;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.platform.person.Gender;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.person.PivotIdentity;
import fr.cpa.platform.person.PivotMatch;
import fr.cpa.platform.mail.Mails;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Links a first FranceConnect login to the holder it belongs to. Keycloak's first-broker-login flow creates a bare
 * login for an unknown FranceConnect identity, with the identité pivot copied into its attributes; the SPA then asks
 * this service to link it. The holder is found by the pivot identity (tolerant of accents, hyphens and compound
 * names), or, when no single holder matches (namesakes born the same day), by the NIR the person types — accepted
 * only if the same tolerant matching of names and birth agrees with that holder. Typed NIRs that fail are counted
 * per FranceConnect identity, which is locked after a few: otherwise the few hundred NIRs sharing one's birth facts
 * could be tried until one opened another person's space. The FranceConnect link then moves to the holder's login,
 * the bare login is deleted and the holder is told by mail: the next FranceConnect login opens their space directly.
 */
@ApplicationScoped
public class FranceConnectLinks {

    private static final Logger LOG = Logger.getLogger(FranceConnectLinks.class);

    public static final ProblemType NIR_REQUIRED = ProblemType.of("nir-required", 409,
            "No single online space matches your FranceConnect identity: send your social security number to link it.");
    public static final ProblemType NO_MATCHING_SPACE = ProblemType.of("no-matching-space", 422,
            "This social security number has no online space matching your FranceConnect identity.");
    public static final ProblemType NOT_FRANCECONNECT = ProblemType.of("not-franceconnect", 403,
            "This login does not come from a first FranceConnect connection.");
    public static final ProblemType LINK_LOCKED = ProblemType.of("link-attempts-exhausted", 429,
            "Too many social security numbers were tried with this FranceConnect identity: linking is locked for a "
                    + "while. Log in with your password, or contact the assistance.");

    private final KeycloakUsers keycloak;
    private final NirVault vault;
    private final PersonKeys personKeys;
    private final LinkAttempts attempts;
    private final Mails mails;
    private final Clock clock;
    private final String alias;

    FranceConnectLinks(KeycloakUsers keycloak, NirVault vault, PersonKeys personKeys, LinkAttempts attempts,
            Mails mails, Clock clock, @ConfigProperty(name = "cpa.identity.franceconnect-alias") String alias) {
        this.keycloak = keycloak;
        this.vault = vault;
        this.personKeys = personKeys;
        this.attempts = attempts;
        this.mails = mails;
        this.clock = clock;
        this.alias = alias;
    }

    /** Links the login to its holder and answers the holder's id; a holder's own login is already linked. */
    @Transactional
    public UUID link(UUID loginId, String nirText) {
        Optional<Holder> self = Holder.findByIdOptional(loginId);
        if (self.isPresent()) {
            return Holders.active(loginId).id;
        }
        UserRepresentation login = keycloak.find(loginId.toString())
                .orElseThrow(() -> new ProblemException(NOT_FRANCECONNECT));
        FederatedIdentityRepresentation franceConnect = keycloak.federatedIdentity(login.getId(), alias)
                .orElseThrow(() -> new ProblemException(NOT_FRANCECONNECT));
        PivotIdentity pivot = pivotOf(keycloak.attributes(login));
        Holder holder = nirText == null ? byPivot(pivot) : byNir(franceConnect.getUserId(), pivot, nirText);
        Optional<FederatedIdentityRepresentation> existing = keycloak.federatedIdentity(holder.id.toString(), alias);
        if (existing.isPresent() && !existing.get().getUserId().equals(franceConnect.getUserId())) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "This online space is already linked to another FranceConnect identity.");
        }
        // The bare login goes first: Keycloak lets one FranceConnect identity be linked to one login only. Should the
        // second call fail, the next FranceConnect login makes a new bare login and the link can be asked again.
        keycloak.delete(login.getId());
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider(alias);
        link.setUserId(franceConnect.getUserId());
        link.setUserName(franceConnect.getUserName());
        keycloak.addFederatedIdentity(holder.id.toString(), link);
        holder.franceConnectLinkedAt = clock.instant();
        mails.send(holder.email, IdentityMail.FRANCECONNECT_LINKED, Map.of("name", holder.givenNames));
        LOG.infof("FranceConnect identity linked to holder %s (%s)", holder.id, nirText == null ? "pivot" : "NIR");
        return holder.id;
    }

    private Holder byPivot(PivotIdentity pivot) {
        List<Holder> matches = Holder.activeBornOn(pivot.birthDate()).stream()
                .filter(holder -> {
                    PivotMatch match = PivotMatch.of(pivot, candidate(holder));
                    LOG.debugf("Pivot match with holder %s: %s", holder.id, match);
                    return match.matches();
                })
                .toList();
        if (matches.size() != 1) {
            LOG.infof("FranceConnect pivot matched %d holders: NIR asked", matches.size());
            throw new ProblemException(NIR_REQUIRED);
        }
        return Holder.findById(matches.get(0).id, LockModeType.PESSIMISTIC_WRITE);
    }

    private Holder byNir(String franceConnectId, PivotIdentity pivot, String nirText) {
        if (attempts.locked(franceConnectId)) {
            throw new ProblemException(LINK_LOCKED);
        }
        Nir nir;
        try {
            nir = Nir.parse(nirText);
        } catch (Nir.InvalidNirException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The social security number is invalid.",
                    List.of(new FieldError("nir", e.problem().reason())));
        }
        // An unknown NIR and one whose identity disagrees get the same answer: nothing to learn by trying numbers.
        Optional<Holder> holder = Holder.byPersonKey(personKeys.of(nir)).filter(h -> h.status == Holder.Status.ACTIVE);
        PivotMatch match = holder.map(h -> PivotMatch.of(pivot, candidate(h))).orElse(null);
        if (match == null || !match.matches()) {
            LOG.infof("FranceConnect link by NIR refused: %s", match == null ? "no such space" : match);
            attempts.failed(franceConnectId);
            throw new ProblemException(NO_MATCHING_SPACE);
        }
        return Holder.findById(holder.get().id, LockModeType.PESSIMISTIC_WRITE);
    }

    private PivotMatch.Candidate candidate(Holder holder) {
        return new PivotMatch.Candidate(holder.birthName, holder.usageName, holder.givenNames, holder.birthDate,
                vault.decrypt(holder.nirEncrypted, holder.id));
    }

    private static PivotIdentity pivotOf(Map<String, String> attributes) {
        try {
            String gender = attributes.get("gender");
            return new PivotIdentity(attributes.get("family_name"), attributes.get("given_name"),
                    LocalDate.parse(attributes.get("birthdate")),
                    "female".equals(gender) ? Gender.FEMALE : "male".equals(gender) ? Gender.MALE : null,
                    attributes.get("birthplace"), attributes.get("birthcountry"));
        } catch (NullPointerException | DateTimeParseException e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "FranceConnect did not provide a complete identity (names, birth date, sex, birth place).");
        }
    }
}
