package fr.cpa.identity.domain;

import java.util.ArrayList;
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
import fr.cpa.identity.persistence.MailToken.Purpose;
import fr.cpa.platform.mail.Mails;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Password reset and e-mail change, both proven by a link sent by mail. Asking never says whether the login or the
 * address exists.
 */
@ApplicationScoped
public class Credentials {

    private static final Logger LOG = Logger.getLogger(Credentials.class);

    private final KeycloakUsers keycloak;
    private final NirVault vault;
    private final PersonKeys personKeys;
    private final MailLinks links;
    private final Mails mails;

    Credentials(KeycloakUsers keycloak, NirVault vault, PersonKeys personKeys, MailLinks links, Mails mails) {
        this.keycloak = keycloak;
        this.vault = vault;
        this.personKeys = personKeys;
        this.links = links;
        this.mails = mails;
    }

    /** Mails a reset link to the active holder whose NIR or e-mail this is; does nothing visible otherwise. */
    @Transactional
    public void requestPasswordReset(String login) {
        findByLogin(login).filter(holder -> holder.status == Holder.Status.ACTIVE).ifPresent(holder -> {
            MailLinks.Link link = links.issue(holder, Purpose.PASSWORD_RESET, null);
            mails.send(holder.email, IdentityMail.PASSWORD_RESET,
                    Map.of("name", holder.givenNames, "link", link.url(), "validity", link.validity()));
        });
    }

    /** Sets the new password if the link is good and the password follows the rules; ends the holder's sessions. */
    @Transactional
    public void resetPassword(String token, String password) {
        Holder holder = holderOfLink(token, Purpose.PASSWORD_RESET);
        List<FieldError> errors = new ArrayList<>();
        for (String reason : PasswordPolicy.violations(password, vault.decrypt(holder.nirEncrypted, holder.id).value(),
                holder.email)) {
            errors.add(new FieldError("password", reason));
        }
        if (!errors.isEmpty()) {
            // Thrown before anything changed: the transaction rolls back and the link stays usable.
            throw new ProblemException(ProblemType.VALIDATION, "The new password is not accepted.", errors);
        }
        keycloak.resetPassword(holder.id.toString(), password);
        mails.send(holder.email, IdentityMail.PASSWORD_CHANGED, Map.of("name", holder.givenNames));
        LOG.infof("Password of holder %s reset", holder.id);
    }

    /**
     * Starts an e-mail change: a link to the new address, a notice to the old one. An address used by another space
     * gets a notice instead of a link, and the answer is the same.
     */
    @Transactional
    public void requestEmailChange(UUID holderId, String email, String confirmation) {
        List<FieldError> errors = new ArrayList<>();
        String normal = HolderFields.confirmedEmail(email, confirmation, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The new e-mail address is invalid.", errors);
        }
        Holder holder = Holders.active(holderId);
        if (normal.equals(holder.email)) {
            return;
        }
        if (Holder.byEmail(normal).isPresent() || keycloak.findByEmail(normal).isPresent()) {
            mails.send(normal, IdentityMail.EMAIL_IN_USE, Map.of());
            return;
        }
        MailLinks.Link link = links.issue(holder, Purpose.EMAIL_CHANGE, normal);
        mails.send(normal, IdentityMail.EMAIL_CHANGE,
                Map.of("name", holder.givenNames, "link", link.url(), "validity", link.validity()));
        mails.send(holder.email, IdentityMail.EMAIL_CHANGE_NOTICE, Map.of("name", holder.givenNames));
    }

    /** Makes the proven address the holder's, in Keycloak and here. */
    @Transactional
    public Holder confirmEmailChange(String token) {
        MailLinks.Use use = links.use(token, Purpose.EMAIL_CHANGE);
        Holder holder = holderOf(use);
        if (Holder.byEmail(use.token().newEmail).filter(other -> !other.id.equals(holder.id)).isPresent()) {
            throw new ProblemException(Registrations.EXPIRED_LINK);
        }
        keycloak.changeEmail(holder.id.toString(), use.token().newEmail);
        holder.email = use.token().newEmail;
        LOG.infof("E-mail of holder %s changed", holder.id);
        return holder;
    }

    private Holder holderOfLink(String token, Purpose purpose) {
        return holderOf(links.use(token, purpose));
    }

    private static Holder holderOf(MailLinks.Use use) {
        switch (use.outcome()) {
            case UNKNOWN -> throw new ProblemException(Registrations.INVALID_LINK);
            case EXPIRED, USED -> throw new ProblemException(Registrations.EXPIRED_LINK);
            default -> {
            }
        }
        Holder holder = Holder.findById(use.token().holderId, LockModeType.PESSIMISTIC_WRITE);
        if (holder.status != Holder.Status.ACTIVE) {
            throw new ProblemException(Registrations.EXPIRED_LINK);
        }
        return holder;
    }

    private Optional<Holder> findByLogin(String login) {
        if (login == null || login.isBlank() || login.length() > 254) {
            return Optional.empty();
        }
        if (login.contains("@")) {
            return Holder.byEmail(HolderFields.normalEmail(login));
        }
        try {
            return Holder.byPersonKey(personKeys.of(Nir.parse(login)));
        } catch (Nir.InvalidNirException e) {
            return Optional.empty();
        }
    }
}
