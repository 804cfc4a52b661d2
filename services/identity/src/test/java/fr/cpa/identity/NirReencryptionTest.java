package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import fr.cpa.identity.domain.LegacyNirs;
import fr.cpa.identity.domain.NirVault;
import fr.cpa.identity.persistence.Holder;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * The operator's re-encryption run, on holder rows written here as older code or another key would have left them.
 * The run is global: other holders in the shared database are rewritten too, which only binds them under key 1.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class NirReencryptionTest {

    private static final String RUNS = "/api/identity/operations/nir-reencryptions";

    @Inject
    DataSource dataSource;

    @Inject
    NirVault vault;

    private final List<UUID> inserted = new ArrayList<>();

    @AfterEach
    void removeTheRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM holder WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", inserted.toArray()));
            delete.executeUpdate();
        }
    }

    @Test
    void onlyOperatorsRunIt() {
        given().post(RUNS).then().statusCode(401);
        given().auth().oauth2(Tokens.forClient("demo-advisor")).post(RUNS).then().statusCode(403);
    }

    @Test
    void olderValuesAreRewrittenBoundUnderTheCurrentKeyAndWhatNoKeyOpensIsLeftAndCounted() throws SQLException {
        Nir legacyNir = freshNir();
        UUID legacy = insert(id -> LegacyNirs.encrypt(legacyNir, LegacyNirs.DEV_KEY));
        Nir currentNir = freshNir();
        UUID current = insert(id -> vault.encrypt(currentNir, id));
        String currentValue = stored(current);
        byte[] retiredKey = new byte[32];
        new SecureRandom().nextBytes(retiredKey);
        NirVault retired = new NirVault(Map.of(9, retiredKey), 9);
        Nir unreadableNir = freshNir();
        UUID unreadable = insert(id -> retired.encrypt(unreadableNir, id));
        String unreadableValue = stored(unreadable);

        JsonPath run = run();
        assertEquals(1, run.getInt("keyVersion"));
        assertTrue(run.getLong("rewritten") >= 1, "the value from before binding is rewritten");
        assertTrue(run.getLong("unreadable") >= 1, "the value under key 9, not in the ring, is counted");
        assertTrue(run.getLong("remaining") >= 1, "and it is still not under the current key");

        String rewritten = stored(legacy);
        assertEquals(vault.currentHeader(), Base64.getDecoder().decode(rewritten)[0] & 0xff);
        assertEquals(legacyNir, vault.decrypt(rewritten, legacy));
        assertThrows(IllegalStateException.class, () -> vault.decrypt(rewritten, current),
                "now bound: it no longer opens in another holder's row");
        assertEquals(currentValue, stored(current), "already under the current key: not rewritten");
        assertEquals(unreadableValue, stored(unreadable), "left as it is");

        // Idempotent: a second run leaves every value as it found it.
        run();
        assertEquals(rewritten, stored(legacy));
        assertEquals(currentValue, stored(current));

        removeTheRows();
        JsonPath clean = run();
        assertEquals(0, clean.getLong("unreadable"));
        assertEquals(0, clean.getLong("remaining"), "nothing left under an older key: the older keys may go");
    }

    @Test
    void aHolderSavedDuringTheRunDoesNotPutTheOldValueBack() throws SQLException {
        Nir nir = freshNir();
        UUID holder = insert(id -> LegacyNirs.encrypt(nir, LegacyNirs.DEV_KEY));
        QuarkusTransaction.begin();
        try {
            Holder loaded = Holder.findById(holder);
            run();
            loaded.givenNames = "Camille Dominique";
        } finally {
            QuarkusTransaction.commit();
        }
        String value = stored(holder);
        assertEquals(vault.currentHeader(), Base64.getDecoder().decode(value)[0] & 0xff);
        assertEquals(nir, vault.decrypt(value, holder));
    }

    private static JsonPath run() {
        return given().auth().oauth2(Tokens.forClient("demo-operator")).post(RUNS)
                .then().statusCode(200).body("keyVersion", equalTo(1)).extract().jsonPath();
    }

    private static Nir freshNir() {
        return Nir.parse(People.nir('1', LocalDate.of(1977, 4, 12), "75116"));
    }

    private interface Value {
        String of(UUID holderId);
    }

    /** A pending holder (out of reach of logins and FranceConnect matching) with that stored NIR. */
    private UUID insert(Value value) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO holder (id, person_key, nir_encrypted, nir_temporary, given_names, birth_name,
                            birth_date, email, terms_version, status)
                        VALUES (?, ?, ?, false, 'Camille', 'Testeur-Vault', DATE '1977-04-12', ?, '2026-01',
                            'PENDING_EMAIL')""")) {
            insert.setObject(1, id);
            insert.setString(2, "test-" + id);
            insert.setString(3, value.of(id));
            insert.setString(4, "t-" + id + "@test.cpa.localhost");
            insert.executeUpdate();
        }
        inserted.add(id);
        return id;
    }

    private String stored(UUID holder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT nir_encrypted FROM holder WHERE id = ?")) {
            select.setObject(1, holder);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }
}
