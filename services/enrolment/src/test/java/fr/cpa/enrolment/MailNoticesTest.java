package fr.cpa.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.Mailbox;
import fr.cpa.platform.testing.Tokens;

/**
 * The holder and the organisation get a French mail at the steps that concern them, through the real SMTP sink; a
 * holder who turned mails off gets none, the organisation still does.
 */
@QuarkusTest
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
class MailNoticesTest {

    private static final Duration MAIL = Duration.ofSeconds(30);

    @AfterAll
    static void cleanUp() {
        People.deleteLogins();
    }

    @Test
    void theHolderAndTheOrganisationAreWrittenToUnlessTheHolderSaidNo() {
        People.Holder holder = People.employee();
        Offers.Session session = Offers.session(150_000, 400, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31), 12,
                false);
        UUID id = Api.submitted(holder.token(), session);
        Mailbox.Mail submitted = Mailbox.await(holder.email(), m -> m.subject().equals(
                "Votre demande d'inscription est envoyée"), MAIL);
        assertTrue(submitted.text().contains("Développeur web"), submitted.text());
        Mailbox.Mail incoming = Mailbox.await("formation@littoral.example", m -> m.subject().equals(
                "Nouvelle demande d'inscription") && m.text().contains(id.toString()), MAIL);
        assertTrue(incoming.text().contains("Camille Testeur"));

        // The holder turns mails off (identity announces it): the organisation's proposal reaches only the API.
        People.publish(new HolderProfileChanged(holder.id(), holder.personKey(), List.of("notifications.email"),
                "EMPLOYEE", People.EMPLOYER_SIRET, "52", "52", null, "LEVEL_4", false, false));
        org.awaitility.Awaitility.await().atMost(MAIL).until(() -> Db.number(Db.ENROLMENT,
                "SELECT count(*) FROM holder_profile WHERE holder_id = ? AND NOT email_notifications", holder.id()) == 1);
        Api.propose(Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT), id, Map.of()).then().statusCode(200);
        // Mails are queued in the step's transaction: what is not queued once it answered is never sent.
        assertEquals(0, Db.number(Db.ENROLMENT, "SELECT count(*) FROM platform_mail_outbox WHERE recipient = ? "
                + "AND template = 'PROPOSED_HOLDER'", holder.email()), "no mail once the holder said no");
        assertEquals(1, Db.number(Db.ENROLMENT, "SELECT count(*) FROM platform_mail_outbox WHERE recipient = ? "
                + "AND template = 'SUBMITTED_HOLDER'", holder.email()));
    }
}
