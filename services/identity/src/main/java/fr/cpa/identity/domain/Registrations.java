package fr.cpa.identity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.keycloak.representations.idm.UserRepresentation;

import fr.cpa.identity.client.KeycloakUsers;
import fr.cpa.identity.client.KeycloakUsers.Created;
import fr.cpa.identity.client.KeycloakUsers.NewAccount;
import fr.cpa.identity.client.KeycloakUsers.PasswordRefused;
import fr.cpa.identity.client.KeycloakUsers.Taken;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.identity.persistence.MailToken;
import fr.cpa.identity.persistence.MailToken.Purpose;
import fr.cpa.identity.persistence.PersonDeath;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderRegistered;
import fr.cpa.platform.mail.Mails;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Registration of a holder (inscription): the checks of the registration page, the Keycloak login, the holder row
 * and the validation mail; then the validation that opens the space and announces {@code HolderRegistered}.
 *
 * <p>No account enumeration: a NIR or e-mail that already has a space gets the same answer as a new registration,
 * and its owner a warning mail instead of a validation link.
 *
 * <p>A registration not validated within the life of its first link ({@code cpa.identity.links.email-validation})
 * has expired: it is removed, by the next registration naming its NIR or e-mail or by {@link #purgeExpired}, so
 * that someone who typed another person's NIR cannot keep its real owner out.
 */
@ApplicationScoped
public class Registrations {

    private static final Logger LOG = Logger.getLogger(Registrations.class);
    /** A disabled, unvalidated login older than this without a holder row is what an interrupted registration left. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(5);
    private static final int PURGE_BATCH = 200;

    public static final ProblemType INVALID_LINK = ProblemType.of("invalid-link", 422,
            "This link is not valid: ask for a new one.");
    public static final ProblemType EXPIRED_LINK = ProblemType.of("expired-link", 410,
            "This link has expired or was already used: ask for a new one.");

    private final KeycloakUsers keycloak;
    private final NirVault vault;
    private final PersonKeys personKeys;
    private final MailLinks links;
    private final Mails mails;
    private final Outbox outbox;
    private final RuleBook accounts;
    private final String termsVersion;
    private final Duration registrationLife;
    private final Clock clock;

    Registrations(KeycloakUsers keycloak, NirVault vault, PersonKeys personKeys, MailLinks links, Mails mails,
            Outbox outbox, Clock clock, @ConfigProperty(name = "cpa.identity.terms-version") String termsVersion,
            @ConfigProperty(name = "cpa.identity.links.email-validation") Duration registrationLife) {
        this.keycloak = keycloak;
        this.vault = vault;
        this.personKeys = personKeys;
        this.links = links;
        this.mails = mails;
        this.outbox = outbox;
        this.accounts = RuleBook.load("rules/accounts.json");
        this.termsVersion = termsVersion;
        this.registrationLife = registrationLife;
        this.clock = clock;
    }

    /** A registration that passed every check, in normal form. */
    record Checked(Nir nir, String personKey, String givenNames, String birthName, String usageName,
            LocalDate birthDate, String email, String mobilePhone, String landlinePhone, String password) {
        @Override
        public String toString() {
            return "Checked[***]";
        }
    }

    /** Registers, or warns the owner of an existing space; the caller cannot tell which (answer 202 either way). */
    public void register(RegistrationForm form) {
        Checked checked = check(form);
        if (QuarkusTransaction.requiringNew().call(() -> warnedExistingOwner(checked))) {
            return;
        }
        String userId = createLogin(checked);
        if (userId == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> saveHolder(checked, userId));
        } catch (RuntimeException e) {
            // The holder row did not commit: remove the login so that a retry starts clean.
            keycloak.delete(userId);
            throw e;
        }
    }

    Checked check(RegistrationForm form) {
        List<FieldError> errors = new ArrayList<>();
        Nir nir = null;
        if (form.nir() == null || form.nir().isBlank()) {
            errors.add(new FieldError("nir", "is required"));
        } else {
            try {
                nir = Nir.parse(form.nir());
            } catch (Nir.InvalidNirException e) {
                errors.add(new FieldError("nir", e.problem().reason()));
            }
        }
        String givenNames = HolderFields.name("givenNames", form.givenNames(), true, errors);
        String birthName = HolderFields.name("birthName", form.birthName(), true, errors);
        String usageName = HolderFields.name("usageName", form.usageName(), false, errors);
        LocalDate today = LocalDate.now(clock);
        boolean apprentice = Boolean.TRUE.equals(form.apprenticeshipContract());
        if (form.birthDate() == null) {
            errors.add(new FieldError("birthDate", "is required"));
        } else if (form.birthDate().isAfter(today) || form.birthDate().getYear() < 1900) {
            errors.add(new FieldError("birthDate", "must be a past date"));
        } else {
            if (nir != null && !nir.consistentWith(form.birthDate())) {
                errors.add(new FieldError("birthDate",
                        "does not match the year and month of birth of the social security number"));
            }
            long age = accounts.valueAt(apprentice ? "account-opening-age-apprentice" : "account-opening-age", today);
            if (form.birthDate().plusYears(age).isAfter(today)) {
                errors.add(new FieldError("birthDate", apprentice
                        ? "an account opens at " + age + " with an apprenticeship contract"
                        : "an account opens at " + age + " (or " + accounts.valueAt("account-opening-age-apprentice",
                                today) + " with an apprenticeship contract)"));
            }
        }
        String email = HolderFields.confirmedEmail(form.email(), form.emailConfirmation(), errors);
        String mobile = HolderFields.phone("mobilePhone", form.mobilePhone(), errors);
        String landline = HolderFields.phone("landlinePhone", form.landlinePhone(), errors);
        for (String reason : PasswordPolicy.violations(form.password(), nir == null ? form.nir() : nir.value(), email)) {
            errors.add(new FieldError("password", reason));
        }
        if (!Boolean.TRUE.equals(form.termsAccepted())) {
            errors.add(new FieldError("termsAccepted", "the terms of use must be accepted"));
        }
        if (!termsVersion.equals(form.termsVersion())) {
            errors.add(new FieldError("termsVersion", "must be the current version of the terms of use, " + termsVersion));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Some fields of the registration are invalid.", errors);
        }
        return new Checked(nir, personKeys.of(nir), givenNames, birthName, usageName, form.birthDate(), email, mobile,
                landline, form.password());
    }

    /** When the NIR or the e-mail already has a space, mails its owner and says so. */
    private boolean warnedExistingOwner(Checked checked) {
        if (PersonDeath.findByIdOptional(checked.personKey()).isPresent()) {
            LOG.info("Registration refused silently: the person is recorded as deceased");
            return true;
        }
        Optional<Holder> byNir = Holder.byPersonKey(checked.personKey()).filter(holder -> !removedIfExpired(holder));
        Optional<Holder> byEmail = Holder.byEmail(checked.email()).filter(holder -> !removedIfExpired(holder));
        if (byNir.isEmpty() && byEmail.isEmpty()) {
            return false;
        }
        if (byNir.isPresent() && byNir.get().status == Holder.Status.PENDING_EMAIL
                && byNir.get().email.equals(checked.email())) {
            // The same person again before validating (a retry, a lost mail): a fresh link.
            sendValidationLink(byNir.get());
            return true;
        }
        byNir.ifPresent(holder -> warn(holder.email));
        byEmail.filter(holder -> byNir.isEmpty() || !holder.id.equals(byNir.get().id))
                .ifPresent(holder -> warn(holder.email));
        LOG.info("Registration for an existing space: its owner was warned");
        return true;
    }

    private boolean expired(Holder holder) {
        return holder.status == Holder.Status.PENDING_EMAIL
                && !clock.instant().isBefore(holder.createdAt.plus(registrationLife));
    }

    /**
     * Removes an expired registration (its row, links and login); says whether it did. The login goes after the row:
     * should Keycloak fail, what is left is an orphan login, removed by the next registration of that NIR.
     */
    private boolean removedIfExpired(Holder holder) {
        if (!expired(holder)) {
            return false;
        }
        String loginId = holder.id.toString();
        MailToken.delete("holderId", holder.id);
        holder.delete();
        holder.flush();
        try {
            keycloak.delete(loginId);
        } catch (RuntimeException e) {
            LOG.warnf("Expired registration removed, its login %s left for the orphan clean-up: %s", loginId,
                    e.getClass().getSimpleName());
        }
        LOG.infof("Expired registration %s removed", loginId);
        return true;
    }

    /** Every quarter of an hour: expired registrations go even when nobody registers their NIR again. */
    @Scheduled(every = "${cpa.identity.registrations.purge-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        int removed;
        do {
            removed = purgeExpired(PURGE_BATCH);
        } while (removed == PURGE_BATCH);
    }

    /**
     * Removes the registrations whose validation time has passed, {@code batch} at most, each in its own
     * transaction; answers how many.
     */
    public int purgeExpired(int batch) {
        Instant before = clock.instant().minus(registrationLife);
        List<UUID> expired = QuarkusTransaction.requiringNew()
                .call(() -> Holder.pendingCreatedBefore(before, batch).stream().map(h -> h.id).toList());
        int removed = 0;
        for (UUID id : expired) {
            if (QuarkusTransaction.requiringNew().call(() -> Holder.<Holder>findByIdOptional(id,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).map(this::removedIfExpired).orElse(false))) {
                removed++;
            }
        }
        return removed;
    }

    /** The new login's id, or null when Keycloak already knew the NIR or the e-mail (its owner is then warned). */
    private String createLogin(Checked checked) {
        NewAccount login = new NewAccount(checked.nir().value(), checked.email(), checked.givenNames(),
                checked.usageName() != null ? checked.usageName() : checked.birthName(), checked.password());
        for (int attempt = 0; attempt < 2; attempt++) {
            var creation = keycloak.create(login);
            if (creation instanceof Created created) {
                return created.userId();
            }
            if (creation instanceof PasswordRefused) {
                throw new ProblemException(ProblemType.VALIDATION, "Some fields of the registration are invalid.",
                        List.of(new FieldError("password", "is refused by the password policy")));
            }
            if (creation instanceof Taken && attempt == 0 && removedOrphanLogin(login.username())) {
                continue;
            }
            break;
        }
        // Known to Keycloak but not here: a login made before this service (or by an operator). Warn its owner.
        Optional<UserRepresentation> owner = keycloak.findByUsername(login.username())
                .or(() -> keycloak.findByEmail(login.email()));
        owner.map(UserRepresentation::getEmail).ifPresent(email -> QuarkusTransaction.requiringNew().run(() -> warn(email)));
        LOG.info("Registration for an existing login: its owner was warned");
        return null;
    }

    private boolean removedOrphanLogin(String username) {
        Optional<UserRepresentation> user = keycloak.findByUsername(username);
        if (user.isEmpty() || Boolean.TRUE.equals(user.get().isEnabled())
                || Boolean.TRUE.equals(user.get().isEmailVerified())
                || user.get().getCreatedTimestamp() == null
                || Instant.ofEpochMilli(user.get().getCreatedTimestamp()).isAfter(clock.instant().minus(ORPHAN_AGE))
                || QuarkusTransaction.requiringNew().call(() -> Holder.findByIdOptional(UUID.fromString(user.get().getId()))
                        .isPresent())) {
            return false;
        }
        LOG.info("Removing the login left by an interrupted registration");
        keycloak.delete(user.get().getId());
        return true;
    }

    private void saveHolder(Checked checked, String userId) {
        Holder holder = new Holder();
        holder.id = UUID.fromString(userId);
        holder.personKey = checked.personKey();
        holder.nirEncrypted = vault.encrypt(checked.nir(), holder.id);
        holder.nirTemporary = checked.nir().temporary();
        holder.givenNames = checked.givenNames();
        holder.birthName = checked.birthName();
        holder.usageName = checked.usageName();
        holder.birthDate = checked.birthDate();
        holder.email = checked.email();
        holder.mobilePhone = checked.mobilePhone();
        holder.landlinePhone = checked.landlinePhone();
        holder.termsVersion = termsVersion;
        holder.status = Holder.Status.PENDING_EMAIL;
        holder.createdAt = clock.instant();
        holder.persist();
        sendValidationLink(holder);
    }

    /** Sends a new validation link to a holder who has not validated yet; silent otherwise (no enumeration). */
    @Transactional
    public void resendValidationLink(String email) {
        if (email == null) {
            return;
        }
        Holder.byEmail(HolderFields.normalEmail(email))
                .filter(holder -> holder.status == Holder.Status.PENDING_EMAIL)
                .ifPresent(this::sendValidationLink);
    }

    private void sendValidationLink(Holder holder) {
        MailLinks.Link link = links.issue(holder, Purpose.EMAIL_VALIDATION, null);
        mails.send(holder.email, IdentityMail.EMAIL_VALIDATION,
                Map.of("name", holder.givenNames, "link", link.url(), "validity", link.validity()));
    }

    private void warn(String email) {
        mails.send(email, IdentityMail.REGISTRATION_ATTEMPT, Map.of("resetLink", links.passwordResetPage()));
    }

    /**
     * Follows a validation link: opens the login and announces the holder. Following it again answers the same, so
     * a double click or a retry is harmless.
     */
    @Transactional
    public Holder validate(String token) {
        MailLinks.Use use = links.use(token, Purpose.EMAIL_VALIDATION);
        switch (use.outcome()) {
            case UNKNOWN -> throw new ProblemException(INVALID_LINK);
            case EXPIRED -> throw new ProblemException(EXPIRED_LINK);
            case USED -> {
                Holder holder = Holder.findById(use.token().holderId);
                if (holder.status == Holder.Status.ACTIVE && holder.activatedAt != null) {
                    return holder;
                }
                throw new ProblemException(EXPIRED_LINK);
            }
            default -> {
            }
        }
        Holder holder = Holder.findById(use.token().holderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (holder.status != Holder.Status.PENDING_EMAIL || expired(holder)) {
            throw new ProblemException(EXPIRED_LINK);
        }
        keycloak.activate(holder.id.toString());
        holder.status = Holder.Status.ACTIVE;
        holder.activatedAt = clock.instant();
        outbox.append(Topics.IDENTITY_HOLDERS,
                new HolderRegistered(holder.id, holder.personKey, holder.birthDate, holder.status.name()));
        LOG.infof("Holder %s activated", holder.id);
        return holder;
    }
}
