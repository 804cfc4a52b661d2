package fr.cpa.catalogue.api;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the fields of an offer as they are in an LHEO formation, for the report of an import: {@code
 * actions[0].sessions[1].endsOn} is {@code action[1]/session[2]/periode/fin} (LHEO ranks count from 1).
 */
final class LheoFields {

    private static final Pattern SEGMENT = Pattern.compile("(\\w+)(?:\\[(\\d+)])?");
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("title", "intitule-formation"),
            Map.entry("objectives", "objectif-formation"),
            Map.entry("content", "contenu-formation"),
            Map.entry("certificationCode", "certification"),
            Map.entry("contact", "contact-formation"),
            Map.entry("contact.name", "coordonnees/nom"),
            Map.entry("contact.email", "coordonnees/courriel"),
            Map.entry("contact.phone", "coordonnees/telfixe/numtel"),
            Map.entry("actions", "action"),
            Map.entry("durationHours", "nombre-heures-total"),
            Map.entry("priceCents", "prix-total-TTC"),
            Map.entry("modality", "modalites-enseignement"),
            Map.entry("place", "lieu-de-formation"),
            Map.entry("place.name", "coordonnees/ligne"),
            Map.entry("place.street", "coordonnees/adresse/ligne"),
            Map.entry("place.postcode", "coordonnees/adresse/codepostal"),
            Map.entry("place.city", "coordonnees/adresse/ville"),
            Map.entry("place.regionCode", "coordonnees/adresse/region"),
            Map.entry("place.latitude", "coordonnees/adresse/geolocalisation/latitude"),
            Map.entry("place.longitude", "coordonnees/adresse/geolocalisation/longitude"),
            Map.entry("sessions", "session"),
            Map.entry("startsOn", "periode/debut"),
            Map.entry("endsOn", "periode/fin"),
            Map.entry("seats", "recrutement/nb-places"));

    private LheoFields() {
    }

    /** The LHEO path of a field of an offer; anything else (already an LHEO path, or none) as it is. */
    static String of(String field) {
        if (field == null || field.contains("/")) {
            return field;
        }
        StringBuilder path = new StringBuilder();
        String parent = "";
        for (String segment : field.split("\\.")) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return field;
            }
            String name = NAMES.getOrDefault(parent + "." + m.group(1), NAMES.get(m.group(1)));
            if (name == null) {
                return field;
            }
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(name);
            if (m.group(2) != null) {
                path.append('[').append(Integer.parseInt(m.group(2)) + 1).append(']');
            }
            parent = m.group(1);
        }
        return path.toString();
    }
}
