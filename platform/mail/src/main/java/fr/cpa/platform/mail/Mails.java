package fr.cpa.platform.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts mails in the mail outbox ({@code platform_mail_outbox}) in the caller's transaction: a mail goes out if and
 * only if the change that caused it commits. {@link MailSender} sends it.
 */
@ApplicationScoped
public class Mails {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final KnownTemplates known;

    Mails(DataSource dataSource, KnownTemplates known) {
        this.dataSource = dataSource;
        this.known = known;
    }

    /**
     * Queues a mail to the recipient, to be rendered from the template with these parameters when it is sent. Needs a
     * transaction: without one the mail could outlive a rolled-back change.
     *
     * @param template one of the service's {@link MailTemplates}
     * @param parameters the values of the template's placeholders; never a NIR
     * @return the mail's id in the outbox, the only way logs name it
     */
    @Transactional(TxType.MANDATORY)
    public long send(String recipient, MailTemplate template, Map<String, String> parameters) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("A mail needs a recipient");
        }
        if (!known.templates().contains(template)) {
            throw new IllegalArgumentException("Mail template " + template.name()
                    + " is not among this service's MailTemplates beans");
        }
        String json;
        try {
            json = JSON.writeValueAsString(Map.copyOf(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the parameters of a " + template.name() + " mail", e);
        }
        // Agroal hands out the connection enlisted in the current JTA transaction, the one Hibernate uses too.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO platform_mail_outbox (recipient, template, parameters)
                        VALUES (?, ?, ?::jsonb) RETURNING id""")) {
            insert.setString(1, recipient);
            insert.setString(2, template.name());
            insert.setString(3, json);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue a " + template.name() + " mail", e);
        }
    }
}
