package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTestProfile;

import fr.cpa.platform.events.EventEnvelope;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.identity.HolderProfileChanged;
import fr.cpa.platform.testing.Broker;
import fr.cpa.platform.testing.Tokens;

/** For the eligibility tests: a holder's situation announced as identity does, and their eligible offers. */
final class Eligible {

    /** An offer on a certification no longer in force, and a volunteers' training (CEC only). */
    static final String AIDE = "Agent d'accompagnement des personnes âgées";
    static final String INACTIVE_CERTIFICATION = "RNCP10236";
    static final String VOLUNTEERS = "Animer une association de bénévoles";

    private Eligible() {
    }

    /** The ledger answers from a stand-in, and CEC rights are asked again at each search. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.ledger.url", LedgerStandIn.url(),
                    "cpa.catalogue.cec-rights-remembered", "0s");
        }
    }

    /** Publishes the six offers of {@link SearchData} and two more. */
    static void publish(DataSource dataSource, SearchData data) {
        data.publish(dataSource);
        String org = Tokens.forClient("demo-training-org");
        data.create(org, SearchData.offer(AIDE, INACTIVE_CERTIFICATION,
                SearchData.inPerson(200_000, 400, "32", 50.63, 3.06, "Lille", "59000", "2027-05-03")));
        data.create(org, SearchData.offer(VOLUNTEERS, SearchData.VOLUNTEER_CERTIFICATION,
                SearchData.action(0, 20, "REMOTE", null, "2027-03-15")));
    }

    static UUID holderId(String token) {
        return UUID.fromString(Tokens.claims(token).get("sub").asText());
    }

    /** Announces the situation and waits until the catalogue has it. */
    static void situation(DataSource dataSource, String token, String status, String workRegion,
            String residenceRegion, String idcc) {
        UUID holderId = holderId(token);
        EventEnvelope event = EventEnvelope.of(new HolderProfileChanged(holderId, "person-" + holderId,
                List.of("employmentStatus"), status, null, workRegion, residenceRegion, idcc, "LEVEL_4", false));
        Broker.publish(Topics.IDENTITY_HOLDERS, event.subjectKey(), event.toJson(), event.kafkaHeaders());
        Db db = new Db(dataSource);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (db.count("""
                SELECT count(*) FROM holder_profile WHERE holder_id = ? AND employment_status = ?
                    AND work_region IS NOT DISTINCT FROM ? AND residence_region IS NOT DISTINCT FROM ?
                    AND branch_idcc IS NOT DISTINCT FROM ?""", holderId, status, workRegion, residenceRegion,
                idcc) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The catalogue did not receive the holder's situation in 30 s");
            }
            sleep();
        }
    }

    static List<String> titles(String token) {
        return given().auth().oauth2(token).queryParam("organisation", SearchData.SIRET)
                .queryParam("eligibleFor", "me").queryParam("size", 100).get("/api/catalogue/offers").then()
                .statusCode(200).extract().jsonPath().<String>getList("items.title").stream().sorted().toList();
    }

    /**
     * The titles of the offers the holder may buy, asked offer by offer: the same as {@link #titles} answers when both
     * apply the same rules.
     */
    static List<String> eligibleOneByOne(String token, Map<String, String> offerIds) {
        return offerIds.entrySet().stream()
                .filter(offer -> given().auth().oauth2(token)
                        .get("/api/catalogue/offers/" + offer.getValue() + "/eligibility").then().statusCode(200)
                        .extract().<Boolean>path("eligible"))
                .map(Map.Entry::getKey).sorted().toList();
    }

    static List<String> sorted(String... titles) {
        return List.of(titles).stream().sorted().toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
