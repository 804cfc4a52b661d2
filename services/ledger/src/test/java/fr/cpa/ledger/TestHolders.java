package fr.cpa.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

import io.quarkus.narayana.jta.QuarkusTransaction;

import fr.cpa.ledger.persistence.Account;
import fr.cpa.platform.events.identity.HolderRegistered;
import fr.cpa.platform.testing.KeycloakAdmin;
import fr.cpa.platform.testing.Tokens;

/**
 * Fresh holders for ledger tests: a login of their own in the realm's holders group, and their accounts linked by the
 * HolderRegistered identity would publish, so every run starts from empty accounts. {@link #deleteLogins} removes the
 * logins made.
 */
final class TestHolders {

    /** A holder, their person key (accounts are keyed by it) and a token of theirs. */
    record TestHolder(UUID id, String personKey, String token, LocalDate birthDate) {
    }

    private static final Set<String> LOGINS = ConcurrentHashMap.newKeySet();

    private TestHolders() {
    }

    /** A new holder born on that date, whose three accounts are open and linked. */
    static TestHolder fresh(String personKey, LocalDate birthDate) {
        KeycloakAdmin admin = KeycloakAdmin.connect();
        String suffix = UUID.randomUUID().toString().substring(0, 12);
        String username = "ledger-test-" + suffix;
        String password = "Ledger-" + suffix + "-Aa1";
        String id = admin.createUser(Tokens.REALM, new KeycloakAdmin.NewUser(username, username + "@test.cpa.localhost",
                "Camille", "Testeur", Map.of(), password, true, true));
        LOGINS.add(id);
        admin.addToGroup(Tokens.REALM, id, "/holders");
        UUID holderId = UUID.fromString(id);
        IdentityEvents.publish(new HolderRegistered(holderId, personKey, birthDate, "ACTIVE"));
        awaitLinked(holderId);
        return new TestHolder(holderId, personKey, Tokens.forUser(username, password), birthDate);
    }

    static TestHolder fresh(LocalDate birthDate) {
        return fresh("test-" + UUID.randomUUID(), birthDate);
    }

    /** Waits until the ledger has linked the holder's three accounts. */
    static void awaitLinked(UUID holderId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Account.ofHolder(holderId).size()) == 3);
    }

    static void deleteLogins() {
        KeycloakAdmin admin = KeycloakAdmin.connect();
        LOGINS.forEach(id -> admin.deleteUser(Tokens.REALM, id));
        LOGINS.clear();
    }

    /** Every account of the person whose balance and pending total are not the sums of its journal. */
    static List<String> unbalanced(DataSource dataSource, String personKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT a.kind FROM account a LEFT JOIN account_entry e ON e.account_id = a.id
                        WHERE a.person_key = ? GROUP BY a.id, a.kind, a.balance, a.pending
                        HAVING a.balance <> coalesce(sum(e.amount), 0) OR a.pending <> coalesce(sum(e.pending_amount), 0)""")) {
            select.setString(1, personKey);
            List<String> kinds = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    kinds.add(rows.getString(1));
                }
            }
            return kinds;
        }
    }
}
