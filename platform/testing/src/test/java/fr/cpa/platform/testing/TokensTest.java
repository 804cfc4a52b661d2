package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What the services rely on in the tokens of the local Keycloak: issuer, audience, roles and claims. */
class TokensTest {

    @Test
    void employersGetTheirRoleAndTheirOwnSiret() {
        JsonNode employer = Tokens.claims(Tokens.forClient(DemoLogins.EMPLOYER_CLIENT));
        JsonNode other = Tokens.claims(Tokens.forClient(DemoLogins.OTHER_EMPLOYER_CLIENT));
        assertEquals("http://localhost:8180/realms/cpa", employer.path("iss").asText());
        assertTrue(contains(employer.path("aud"), "cpa-api"));
        assertTrue(contains(employer.path("realm_access").path("roles"), "employer"));
        assertEquals(14, employer.path("siret").asText().length());
        assertNotEquals(employer.path("siret").asText(), other.path("siret").asText());
    }

    @Test
    void holdersLogInWithTheirNirAndGetTheHolderRole() {
        JsonNode holder = Tokens.claims(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD));
        assertTrue(contains(holder.path("realm_access").path("roles"), "holder"));
        assertTrue(contains(holder.path("aud"), "cpa-api"));
        // The login name is the NIR: no token carries it, the holder is their subject.
        assertTrue(holder.path("preferred_username").isMissingNode(), "preferred_username: " + holder);
        java.util.UUID.fromString(holder.path("sub").asText());
        assertEquals(java.util.List.of(), NirScan.linesWithNir(holder.toString()), "NIRs in the access token");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThrows(IllegalStateException.class,
                () -> Tokens.forUser(DemoLogins.HOLDER1_USERNAME, "Wrong-Pass123"));
        // A successful login clears the failure count, so repeated runs never trip the brute-force lockout.
        Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD);
    }

    @Test
    void theFranceConnectSimulatorGivesThePivotIdentity() {
        JsonNode person = Tokens.claims(Tokens.forUser("franceconnect-sim", DemoLogins.FC_TEST_CLIENT,
                DemoLogins.secretOf(DemoLogins.FC_TEST_CLIENT), DemoLogins.FC_USER, DemoLogins.FC_PASSWORD));
        for (String claim : new String[] {"given_name", "family_name", "birthdate", "gender", "birthplace",
                "birthcountry"}) {
            assertTrue(person.hasNonNull(claim), "missing pivot claim " + claim);
        }
        assertEquals("99100", person.path("birthcountry").asText());
    }

    private static boolean contains(JsonNode values, String value) {
        if (values.isTextual()) {
            return values.asText().equals(value);
        }
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aPasswordLoginIsNotAStrongLoginButTheStrongLoginTestClientsIs() {
        JsonNode password = Tokens.claims(Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD));
        assertTrue(password.path("acr").isMissingNode(), "acr of a password login: " + password.path("acr"));
        JsonNode strong = AuthorizationCodeFlow.strongLogin()
                .loginWithPassword(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD).accessClaims();
        assertEquals("eidas2", strong.path("acr").asText());
        assertTrue(strong.path("auth_time").asLong() > java.time.Instant.now().getEpochSecond() - 120);
        assertTrue(strong.path("realm_access").path("roles").toString().contains("holder"));
    }

    @Test
    void theSecondTrainingOrganisationAndFunderHaveTheirOwnIdentity() {
        JsonNode org = Tokens.claims(Tokens.forClient(DemoLogins.OTHER_TRAINING_ORG_CLIENT));
        assertEquals("44306184100047", org.path("siret").asText());
        assertTrue(org.path("realm_access").path("roles").toString().contains("training-org"));
        JsonNode funder = Tokens.claims(Tokens.forClient(DemoLogins.OTHER_FUNDER_CLIENT));
        assertEquals(DemoLogins.OTHER_FUNDER_CLIENT, funder.path("azp").asText());
        assertTrue(funder.path("realm_access").path("roles").toString().contains("funder"));
    }
}
