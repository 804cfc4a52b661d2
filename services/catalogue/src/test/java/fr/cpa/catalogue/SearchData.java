package fr.cpa.catalogue;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.restassured.http.ContentType;

import fr.cpa.platform.testing.Tokens;

/**
 * Six offers of the demo training organisation, published through the API before each search test after its earlier
 * offers are removed: known places, prices, durations, levels, kinds and dates.
 */
final class SearchData {

    static final String SIRET = "91234567500017";
    static final String WEB_NANTES = "Développeur web et web mobile — Nantes";
    static final String WEB_REMOTE = "Développeur web à distance";
    static final String ACCUEIL_PARIS = "Agent d'accueil des voyageurs — Paris";
    static final String ACCUEIL_LYON = "Agent d'accueil en gare — Lyon";
    static final String EDUCATEUR = "Éducateur de jeunes enfants";
    static final String BILAN = "Bilan de compétences";
    static final String FORMACODE = "31054";
    /** Made-up certifications of the special kinds, which the register in our data does not have. */
    static final String BILAN_CERTIFICATION = "RS990001";
    static final String VOLUNTEER_CERTIFICATION = "RS990002";

    private final Map<String, String> offerIds = new LinkedHashMap<>();
    /** The organisation's Qualiopi date, or null for none (before 2022 none was required). */
    private final String qualiopiGranted;

    SearchData() {
        this("2022-03-15");
    }

    SearchData(String qualiopiGranted) {
        this.qualiopiGranted = qualiopiGranted;
    }

    Map<String, String> offerIds() {
        return offerIds;
    }

    void publish(DataSource dataSource) {
        Db db = new Db(dataSource);
        db.execute("DELETE FROM searchable_action WHERE organisation_siret = ?", SIRET);
        db.execute("DELETE FROM offer WHERE organisation_siret = ?", SIRET);
        db.execute("""
                INSERT INTO certification (code, registry, title, active, special_kind, origin) VALUES
                    (?, 'RS', 'Bilan de compétences', true, 'BILAN_DE_COMPETENCES', 'GENERATED'),
                    (?, 'RS', 'Formation des bénévoles associatifs', true, 'CEC_VOLUNTEER', 'GENERATED')
                ON CONFLICT DO NOTHING""", BILAN_CERTIFICATION, VOLUNTEER_CERTIFICATION);
        db.execute("INSERT INTO certification_formacode VALUES ('RNCP31114', ?) ON CONFLICT DO NOTHING", FORMACODE);
        String org = Tokens.forClient("demo-training-org");
        Map<String, Object> organisation = new HashMap<>(Map.of("name", "Formations du Littoral", "street",
                "12 quai de la Fosse", "postcode", "44000", "city", "Nantes"));
        if (qualiopiGranted != null) {
            organisation.put("qualiopiGranted", qualiopiGranted);
        }
        given().auth().oauth2(org).contentType(ContentType.JSON).body(organisation)
                .put("/api/catalogue/organisations/" + SIRET).then().statusCode(200);
        offerIds.clear();
        create(org, offer(WEB_NANTES, "RNCP31114",
                inPerson(390_000, 600, "52", 47.2100, -1.5600, "Nantes", "44000", "2027-03-01", "2027-06-07")));
        create(org, offer(WEB_REMOTE, "RNCP31114", action(250_000, 300, "REMOTE", null, "2027-02-01")));
        create(org, offer(ACCUEIL_PARIS, "RNCP34001",
                inPerson(150_000, 350, "11", 48.8566, 2.3522, "Paris", "75001", "2027-01-18")));
        Map<String, Object> lyon = offer(ACCUEIL_LYON, "RNCP34001", action(120_000, 300, "BLENDED",
                place("84", 45.7640, 4.8357, "Lyon", "69003"), "2027-04-12"));
        lyon.put("objectives", "Informer et orienter les voyageurs en gare.");
        create(org, lyon);
        create(org, offer(EDUCATEUR, "RNCP34827",
                inPerson(640_000, 1500, "32", 50.6300, 3.0600, "Lille", "59000", "2027-09-06")));
        create(org, offer(BILAN, BILAN_CERTIFICATION,
                inPerson(90_000, 24, "11", 48.9362, 2.3574, "Saint-Denis", "93200", "2027-01-25")));
    }

    void create(String org, Map<String, Object> offer) {
        String id = given().auth().oauth2(org).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(offer).post("/api/catalogue/offers")
                .then().statusCode(201).extract().path("id");
        offerIds.put((String) offer.get("title"), id);
    }

    static Map<String, Object> offer(String title, String certification, Map<String, Object> action) {
        Map<String, Object> offer = new HashMap<>();
        offer.put("title", title);
        offer.put("objectives", "Acquérir les compétences du métier.");
        offer.put("content", "Cours, mises en situation et stage en entreprise.");
        offer.put("certificationCode", certification);
        offer.put("contact", Map.of("name", "Service formation", "email", "formation@littoral.example"));
        offer.put("actions", new ArrayList<>(List.of(action)));
        return offer;
    }

    static Map<String, Object> inPerson(long priceCents, int hours, String region, double latitude, double longitude,
            String city, String postcode, String... starts) {
        return action(priceCents, hours, "IN_PERSON", place(region, latitude, longitude, city, postcode), starts);
    }

    static Map<String, Object> place(String region, double latitude, double longitude, String city,
            String postcode) {
        Map<String, Object> place = new HashMap<>();
        place.put("street", "1 place de la Gare");
        place.put("postcode", postcode);
        place.put("city", city);
        place.put("regionCode", region);
        place.put("latitude", latitude);
        place.put("longitude", longitude);
        return place;
    }

    static Map<String, Object> action(long priceCents, int hours, String modality, Map<String, Object> place,
            String... starts) {
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (String start : starts) {
            Map<String, Object> session = new HashMap<>();
            session.put("startsOn", start);
            session.put("endsOn", start.substring(0, 5) + "12-20");
            session.put("seats", 12);
            session.put("inWorkingTime", false);
            sessions.add(session);
        }
        Map<String, Object> action = new HashMap<>();
        action.put("durationHours", hours);
        action.put("priceCents", priceCents);
        action.put("modality", modality);
        if (place != null) {
            action.put("place", place);
        }
        action.put("sessions", sessions);
        return action;
    }
}
