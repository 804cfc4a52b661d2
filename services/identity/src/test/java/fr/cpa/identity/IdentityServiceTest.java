package fr.cpa.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

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
        assertEquals(nir, vault.decrypt(vault.encrypt(nir)));
        assertEquals(43, personKeys.of(nir).length());
    }
}
