package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import fr.cpa.catalogue.persistence.ReferenceData;
import fr.cpa.platform.testing.LocalStackResource;

/** The RNCP register and the ROME are loaded at start, once, and read publicly. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ReferenceDataTest {

    @Inject
    DataSource dataSource;

    @Inject
    ReferenceData referenceData;

    @Test
    void theWholeRegisterIsLoadedAndAStartWithTheSameFilesLoadsNothing() {
        Db db = new Db(dataSource);
        // 17,470 rows, one per certification and replaced or replacing one: 17,369 certifications.
        assertEquals(17_369, db.count("SELECT count(*) FROM certification WHERE origin = 'REGISTER'"));
        assertEquals(45_165, db.count("SELECT count(*) FROM certification_rome"));
        // One block code is there twice (RNCP34305BC04), with two titles.
        assertEquals(16_454, db.count("SELECT count(*) FROM certification_skill_block"));
        assertEquals(532, db.count("SELECT count(*) FROM rome_job"));
        assertEquals(24, db.count("SELECT count(*) FROM certification WHERE level = 8"));
        assertFalse(referenceData.load(), "same files, nothing to load");
    }

    @Test
    void aCertificationIsReadWithItsLevelJobsAndSkillBlocksWithoutAToken() {
        given().get("/api/catalogue/certifications/RNCP34001").then().statusCode(200)
                .body("title", equalTo("Agent d'accueil des voyageurs"))
                .body("registry", equalTo("RNCP"))
                .body("level", equalTo(4))
                .body("active", equalTo(true))
                .body("registrationEnds", equalTo("2024-05-24"))
                .body("generated", equalTo(false))
                .body("jobs.code", contains("A1101", "G1101", "N2201"))
                .body("jobs[1].title", equalTo("Accueil touristique"))
                .body("jobs[1].domainCode", equalTo("G"))
                .body("skillBlocks", hasSize(3));
        given().get("/api/catalogue/certifications/RNCP1027").then().statusCode(200)
                .body("kindCode", equalTo("BTS"))
                .body("nextCodes", contains("RNCP32360", "RNCP6989"));
        given().get("/api/catalogue/certifications/RNCP99999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void titlesAreSearchedWithoutAccentsAndWithStemming() {
        Db db = new Db(dataSource);
        // "LITTÉRATURES ET CIVILISATIONS ÉTRANGÈRES" found by "litterature etrangere".
        assertEquals(1, db.count("""
                SELECT count(*) FROM certification WHERE code = 'RNCP10000'
                AND title_search @@ plainto_tsquery('french_unaccent', 'litterature etrangere')"""));
        assertEquals(1, db.count("""
                SELECT count(*) FROM certification WHERE code = 'RNCP34001'
                AND similarity(title, 'agent d accueil voyageur') > 0.5"""));
    }
}
