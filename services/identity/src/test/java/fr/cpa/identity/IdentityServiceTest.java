package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.identity.domain.LegacyNirs;
import fr.cpa.identity.domain.NirVault;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.testing.LocalStackResource;

/** The service starts on its own database, migrated, with its secrets loaded from configuration. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IdentityServiceTest {

    @Inject
    DataSource dataSource;

    @Inject
    NirVault vault;

    @Inject
    PersonKeys personKeys;

    @Test
    void readyOnItsMigratedDatabase() throws SQLException {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        try (Connection connection = dataSource.getConnection();
                ResultSet columns = connection.getMetaData().getColumns(null, "public", "holder", "nir_encrypted")) {
            assertEquals(true, columns.next(), "the holder table keeps the NIR encrypted");
        }
    }

    @Test
    void secretsComeFromConfiguration() {
        Nir nir = Nir.parse("185057511604218");
        UUID holder = UUID.randomUUID();
        assertEquals(nir, vault.decrypt(vault.encrypt(nir, holder), holder));
        assertEquals(1, vault.currentVersion(), "without CPA_NIR_KEYS the ring is version 1 alone");
        // Rows written before key rings, under the default CPA_NIR_ENCRYPTION_KEY, still open.
        assertEquals(nir, vault.decrypt(LegacyNirs.encrypt(nir, LegacyNirs.DEV_KEY), holder));
        assertEquals(43, personKeys.of(nir).length());
    }
}
