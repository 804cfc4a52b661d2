package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import fr.cpa.platform.testing.LocalStackResource;
import fr.cpa.platform.testing.Tokens;

/**
 * The public search over a known set of offers of the demo organisation: each filter and sort, facets that add up to
 * the total, typo correction, paging and malformed parameters. Dates are in 2027 and later, after today.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SearchTest {

    private static final String SIRET = "91234567500017";
    private static final String ORGANISATION = "organisation";

    @Inject
    DataSource dataSource;

    private final SearchData data = new SearchData();

    @BeforeEach
    void publishTheOffers() {
        data.publish(dataSource);
    }

    private static RequestSpecification ours() {
        return given().queryParam(ORGANISATION, SIRET);
    }

    private static List<String> titles(JsonPath answer) {
        return answer.getList("items.title");
    }

    @Test
    void wordsAreFoundWithoutAccentsInPluralAndStemmed() {
        JsonPath answer = ours().queryParam("q", "developpeurs web").get("/api/catalogue/offers").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(SearchData.WEB_NANTES, SearchData.WEB_REMOTE).stream().sorted().toList(),
                titles(answer).stream().sorted().toList());
        assertEquals(false, answer.getBoolean("text.corrected"));
        // Words of the objectives and content match too, below those of the title.
        ours().queryParam("q", "voyageur").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.ACCUEIL_PARIS, SearchData.ACCUEIL_LYON));
    }

    @Test
    void aMistypedWordIsCorrectedAndTheAnswerSaysSo() {
        ours().queryParam("q", "devloppeur").get("/api/catalogue/offers").then().statusCode(200)
                .body("text.typed", equalTo("devloppeur"))
                .body("text.searchedFor", equalTo("developpeur"))
                .body("text.corrected", equalTo(true))
                .body("items.title", containsInAnyOrder(SearchData.WEB_NANTES, SearchData.WEB_REMOTE));
        ours().queryParam("q", "zzzzqqqq").get("/api/catalogue/offers").then().statusCode(200)
                .body("items", empty()).body("totalItems", equalTo(0));
    }

    @Test
    void eachFilterKeepsOnlyWhatItNames() {
        ours().queryParam("certification", "RNCP31114").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", containsInAnyOrder(SearchData.WEB_NANTES, SearchData.WEB_REMOTE));
        ours().queryParam("job", "A1101").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", containsInAnyOrder(SearchData.ACCUEIL_PARIS, SearchData.ACCUEIL_LYON));
        ours().queryParam("formacode", SearchData.FORMACODE).get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", containsInAnyOrder(SearchData.WEB_NANTES, SearchData.WEB_REMOTE));
        ours().queryParam("region", "11").queryParam("region", "84").get("/api/catalogue/offers").then()
                .statusCode(200)
                .body("items.title", containsInAnyOrder(SearchData.ACCUEIL_PARIS, SearchData.ACCUEIL_LYON,
                        SearchData.BILAN));
        ours().queryParam("modality", "REMOTE").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.WEB_REMOTE));
        ours().queryParam("minPrice", 100_000).queryParam("maxPrice", 300_000).get("/api/catalogue/offers")
                .then().statusCode(200)
                .body("items.priceCents", containsInAnyOrder(150_000, 250_000, 120_000));
        ours().queryParam("minHours", 400).get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", containsInAnyOrder(SearchData.WEB_NANTES, SearchData.EDUCATEUR));
        ours().queryParam("level", "6").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.EDUCATEUR));
        ours().queryParam("kind", "BILAN_DE_COMPETENCES").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.BILAN));
        // Only actions with a session starting in the dates asked; the next one in them is shown.
        ours().queryParam("startFrom", "2027-06-01").queryParam("startTo", "2027-06-30")
                .get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.WEB_NANTES))
                .body("items[0].nextSession.startsOn", equalTo("2027-06-07"));
        ours().queryParam("startFrom", "2030-01-01").get("/api/catalogue/offers").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void aPlaceAndRadiusFindNearbyActionsSortedByDistance() {
        // From Versailles: Paris is 18 km away, Saint-Denis 23, the others over 200; remote actions have no place.
        JsonPath answer = ours().queryParam("lat", 48.8049).queryParam("lon", 2.1204).queryParam("radiusKm", 50)
                .queryParam("sort", "distance").get("/api/catalogue/offers").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(SearchData.ACCUEIL_PARIS, SearchData.BILAN), titles(answer));
        float first = answer.getFloat("items[0].distanceKm");
        assertEquals(true, first > 10 && first < 25, "Paris from Versailles: " + first);
        // From Lille itself, within the largest radius (200 km): Lille, then Saint-Denis (195 km); Paris is 204 km.
        ours().queryParam("lat", 50.63).queryParam("lon", 3.06).queryParam("radiusKm", 200)
                .queryParam("sort", "distance").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.EDUCATEUR, SearchData.BILAN))
                .body("items[0].distanceKm", equalTo(0.0f));
    }

    @Test
    void sortsByPriceBothWaysAndByStartDate() {
        List<Integer> ascending = ours().queryParam("sort", "price").get("/api/catalogue/offers").then()
                .statusCode(200).extract().jsonPath().getList("items.priceCents");
        assertEquals(List.of(90_000, 120_000, 150_000, 250_000, 390_000, 640_000), ascending);
        List<Integer> descending = ours().queryParam("sort", "-price").get("/api/catalogue/offers").then()
                .statusCode(200).extract().jsonPath().getList("items.priceCents");
        assertEquals(List.of(640_000, 390_000, 250_000, 150_000, 120_000, 90_000), descending);
        List<String> starts = ours().get("/api/catalogue/offers").then().statusCode(200).extract().jsonPath()
                .getList("items.nextSession.startsOn");
        assertEquals(starts.stream().sorted().toList(), starts);
    }

    @Test
    void facetsCountTheWholeResultAndEachAddsUpToTheTotal() {
        JsonPath answer = ours().queryParam("size", 2).get("/api/catalogue/offers").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(6, answer.getInt("totalItems"));
        assertEquals(3, answer.getInt("totalPages"));
        assertEquals(2, answer.getList("items").size());
        for (String facet : List.of("modality", "region", "level", "priceBand", "kind")) {
            Map<String, Integer> counts = answer.getMap("facets." + facet);
            assertEquals(6, counts.values().stream().mapToInt(Integer::intValue).sum(), facet);
        }
        assertEquals(Map.of("IN_PERSON", 4, "REMOTE", 1, "BLENDED", 1), answer.getMap("facets.modality"));
        assertEquals(1, answer.getInt("facets.region.NONE"));
        assertEquals(1, answer.getInt("facets.kind.BILAN_DE_COMPETENCES"));
        assertEquals(2, answer.getInt("facets.priceBand.FROM_1000_TO_2000_EUROS"));
        // The facets follow the filters.
        ours().queryParam("q", "accueil").get("/api/catalogue/offers").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("facets.region", equalTo(Map.of("11", 1, "84", 1)));
    }

    @Test
    void pagesFollowEachOtherWithoutOverlap() {
        List<String> all = ours().queryParam("sort", "price").get("/api/catalogue/offers").then().statusCode(200)
                .extract().jsonPath().getList("items.actionId");
        List<String> second = ours().queryParam("sort", "price").queryParam("page", 1).queryParam("size", 4)
                .get("/api/catalogue/offers").then().statusCode(200).extract().jsonPath().getList("items.actionId");
        assertEquals(all.subList(4, 6), second);
    }

    @Test
    void aWithdrawnOfferIsNoLongerFoundAndAChangedOneIsFoundAsChanged() {
        String org = Tokens.forClient("demo-training-org");
        String id = data.offerIds().get(SearchData.ACCUEIL_LYON);
        given().auth().oauth2(org).post("/api/catalogue/offers/" + id + "/withdrawal").then().statusCode(200);
        ours().queryParam("q", "accueil").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains(SearchData.ACCUEIL_PARIS));
        String other = data.offerIds().get(SearchData.EDUCATEUR);
        Map<String, Object> changed = SearchData.offer("Éducateur de jeunes enfants en crèche", "RNCP34827",
                SearchData.inPerson(640_000, 1200, "84", 45.76, 4.84, "Lyon", "69001", "2027-09-06"));
        given().auth().oauth2(org).contentType(ContentType.JSON).body(changed).put("/api/catalogue/offers/" + other)
                .then().statusCode(200);
        ours().queryParam("q", "creche").get("/api/catalogue/offers").then().statusCode(200)
                .body("items.title", contains("Éducateur de jeunes enfants en crèche"))
                .body("items[0].place.regionCode", equalTo("84"));
    }

    @Test
    void anyWrongOrUnknownParameterIsNamedInOneProblem() {
        given().queryParam("region", "99").queryParam("modality", "BY_PIGEON").queryParam("lat", "north")
                .queryParam("minPrice", "-3").queryParam("sort", "distance").queryParam("size", 1000)
                .queryParam("colour", "blue").queryParam("startFrom", "2027-02-30")
                .get("/api/catalogue/offers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("region", "modality", "lat", "lon", "minPrice", "sort",
                        "size", "colour", "startFrom"))
                .body(not(org.hamcrest.Matchers.containsString("PIGEON")));
        given().queryParam("page", 600).queryParam("size", 20).get("/api/catalogue/offers").then().statusCode(400)
                .body("errors.field", contains("page"));
        given().queryParam("lat", "1e30000000").queryParam("lon", "2." + "0".repeat(40))
                .get("/api/catalogue/offers").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("lat", "lon"))
                .body("errors.reason", contains("must be a decimal number with an exponent from -9 to 9, if any",
                        "must be a decimal number of at most 32 characters"));
        given().queryParam("minHours", 50).queryParam("maxHours", 10).queryParam("q", "  ")
                .get("/api/catalogue/offers").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("maxHours", "q"));
        given().queryParam("q", "a").queryParam("q", "b").get("/api/catalogue/offers").then().statusCode(400)
                .body("errors.field", contains("q"));
        // Web-search syntax never breaks the query.
        ours().queryParam("q", "\"agent d'accueil\" -lyon or (((").get("/api/catalogue/offers").then()
                .statusCode(200).body("items.title", hasItem(SearchData.ACCUEIL_PARIS));
    }

    @Test
    void eligibleForMeNeedsAHoldersToken() {
        given().queryParam("eligibleFor", "me").get("/api/catalogue/offers").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.forClient("demo-training-org")).queryParam("eligibleFor", "me")
                .get("/api/catalogue/offers").then().statusCode(403);
        given().queryParam("eligibleFor", "you").get("/api/catalogue/offers").then().statusCode(400)
                .body("errors.field", contains("eligibleFor"));
        // Public browsing says nothing of eligibility.
        ours().get("/api/catalogue/offers").then().statusCode(200).body("eligibility", nullValue())
                .body("items.organisation.siret", not(hasItem(UUID.randomUUID().toString())));
    }
}
