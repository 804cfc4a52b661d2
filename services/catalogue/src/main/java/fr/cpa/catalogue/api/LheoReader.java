package fr.cpa.catalogue.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

import fr.cpa.catalogue.domain.Modality;
import fr.cpa.catalogue.domain.Offers.Action;
import fr.cpa.catalogue.domain.Offers.Contact;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.catalogue.domain.Offers.Place;
import fr.cpa.catalogue.domain.Offers.Session;
import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Reads an LHEO offer file as a stream (StAX, one element at a time, never the whole document in memory) and
 * validates it against the LHEO 2.3 schema in the same pass: each StAX event is handed to the schema's
 * {@link ValidatorHandler} as it is read. Files of the LHEO 2.2 namespace are read as 2.3 (their namespace is
 * rewritten on the fly). A DTD, hence any entity, is refused. Each {@code <formation>} is mapped to an
 * {@link Offer} and handed to the caller with what could not be read; a schema error inside a formation is that
 * formation's, one outside any formation, or a file that is not well-formed, refuses the file (400). So does a file
 * nested deeper than {@link #MAX_DEPTH} elements: the reader keeps a frame per open element. A formation keeps at
 * most {@link #MAX_FORMATION_ERRORS} errors, plus one to tell that there were more.
 */
final class LheoReader {

    static final String LHEO_23 = "http://lheo.gouv.fr/2.3";
    static final String LHEO_22 = "http://www.lheo.org/2.2";
    static final ProblemType INVALID_FILE = ProblemType.of("invalid-lheo-file", 400, "Invalid LHEO file");

    /** The deepest LHEO path (lheo/offres/formation/action/lieu-de-formation/.../latitude) is 9 elements. */
    static final int MAX_DEPTH = 32;
    /** Errors kept per formation: enough to correct it; a formation of a million bad elements must not fill memory. */
    static final int MAX_FORMATION_ERRORS = 50;

    /** Longer texts are cut here while reading; the checks of an offer then refuse them as too long. */
    private static final int MAX_TEXT = 100_000;
    private static final DateTimeFormatter LHEO_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern HOURS = Pattern.compile("\\s*(\\d{1,6})\\s*(h|heures?)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?i)(the )?value '[^']*'");
    private static final Pattern LEADING_VALUE = Pattern.compile("^'[^']*' is not");

    /** One formation of the file: where it is, what it maps to, and what could not be read. */
    record Formation(int position, String numero, int line, Offer offer, List<String> formacodes, List<String> romes,
            List<FieldError> readErrors, List<FieldError> schemaErrors) {
    }

    interface FormationSink {
        void accept(Formation formation);
    }

    private final Schema schema;
    private final int defaultSeats;
    private final boolean defaultInWorkingTime;

    LheoReader(Schema schema, int defaultSeats, boolean defaultInWorkingTime) {
        this.schema = schema;
        this.defaultSeats = defaultSeats;
        this.defaultInWorkingTime = defaultInWorkingTime;
    }

    /** The schema, loaded once (it is thread-safe; each reading makes its own validator). */
    static final class Lazy {
        static final Schema SCHEMA = schema();

        private Lazy() {
        }
    }

    /** The LHEO 2.3 schema, from the service's resources; it refers to nothing outside itself. */
    static Schema schema() {
        URL xsd = LheoReader.class.getResource("/lheo/lheo-2.3.xsd");
        if (xsd == null) {
            throw new IllegalStateException("lheo/lheo-2.3.xsd is missing from the resources");
        }
        try (InputStream in = xsd.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, xsd.toExternalForm()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("The LHEO schema cannot be loaded", e);
        }
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // Never fetch anything, even should a DTD get past the refusal below.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Reads the whole file, handing each formation to {@code sink} as soon as its end tag is read. */
    void read(InputStream file, FormationSink sink) {
        new Pass(file, sink).run();
    }

    /** One reading of one file. */
    private final class Pass implements ErrorHandler, Locator {

        private final InputStream file;
        private final FormationSink sink;
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<StringBuilder> texts = new ArrayDeque<>();
        private XMLStreamReader reader;
        private ValidatorHandler validator;
        private int formationDepth = -1;
        private int position;
        private Draft draft;

        Pass(InputStream file, FormationSink sink) {
            this.file = file;
            this.sink = sink;
        }

        void run() {
            try {
                reader = inputFactory().createXMLStreamReader(file);
                validator = schema.newValidatorHandler();
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                validator.setErrorHandler(this);
                validator.setDocumentLocator(this);
                validator.startDocument();
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
                                XMLStreamConstants.NOTATION_DECLARATION, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw refused("The file declares a DTD or an entity: LHEO files need neither, and they "
                                    + "are refused (external entities, entity expansion).");
                        case XMLStreamConstants.START_ELEMENT -> start();
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            characters();
                        case XMLStreamConstants.END_ELEMENT -> end();
                        default -> {
                            // comments and processing instructions mean nothing here
                        }
                    }
                }
                validator.endDocument();
                reader.close();
            } catch (XMLStreamException e) {
                Location at = e.getLocation();
                int line = at == null ? -1 : at.getLineNumber();
                throw invalid(line, "The file is not well-formed XML", parserMessage(e.getMessage()));
            } catch (SAXParseException e) {
                throw invalid(e.getLineNumber(), "The file is not a valid LHEO 2.3 file", clean(e.getMessage()));
            } catch (SAXException e) {
                throw invalid(line(), "The file is not a valid LHEO 2.3 file", clean(e.getMessage()));
            }
        }

        private void start() throws SAXException {
            if (path.size() == MAX_DEPTH) {
                throw invalid(line(), "The file is nested too deeply", "elements are nested more than " + MAX_DEPTH
                        + " levels deep; LHEO needs about ten");
            }
            String name = reader.getLocalName();
            path.push(name);
            texts.push(new StringBuilder());
            if (formationDepth < 0 && "formation".equals(name) && path.size() == 3) {
                formationDepth = path.size();
                position++;
                draft = new Draft(position, reader.getAttributeValue(null, "numero"), line());
            } else if (draft != null) {
                draft.start(relativePath());
            }
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                String prefix = reader.getNamespacePrefix(i);
                validator.startPrefixMapping(prefix == null ? "" : prefix, lheo23(reader.getNamespaceURI(i)));
            }
            AttributesImpl attributes = new AttributesImpl();
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String prefix = reader.getAttributePrefix(i);
                String local = reader.getAttributeLocalName(i);
                attributes.addAttribute(lheo23(reader.getAttributeNamespace(i)), local,
                        prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, "CDATA",
                        reader.getAttributeValue(i));
            }
            validator.startElement(lheo23(reader.getNamespaceURI()), name, qName(), attributes);
        }

        private void characters() throws SAXException {
            char[] chars = reader.getTextCharacters();
            int start = reader.getTextStart();
            int length = reader.getTextLength();
            validator.characters(chars, start, length);
            StringBuilder text = texts.peek();
            if (text != null && draft != null && text.length() < MAX_TEXT) {
                text.append(chars, start, Math.min(length, MAX_TEXT - text.length()));
            }
        }

        private void end() throws SAXException {
            validator.endElement(lheo23(reader.getNamespaceURI()), reader.getLocalName(), qName());
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                String prefix = reader.getNamespacePrefix(i);
                validator.endPrefixMapping(prefix == null ? "" : prefix);
            }
            String text = texts.pop().toString();
            if (draft != null) {
                if (path.size() == formationDepth) {
                    sink.accept(draft.formation(defaultSeats, defaultInWorkingTime));
                    draft = null;
                    formationDepth = -1;
                } else {
                    draft.text(relativePath(), text);
                }
            }
            path.pop();
        }

        /** The element's path below the formation, as {@code action/session/periode/debut}. */
        private String relativePath() {
            StringBuilder relative = new StringBuilder();
            var names = path.descendingIterator();
            for (int depth = 1; names.hasNext(); depth++) {
                String name = names.next();
                if (depth > formationDepth) {
                    if (relative.length() > 0) {
                        relative.append('/');
                    }
                    relative.append(name);
                }
            }
            return relative.toString();
        }

        private String qName() {
            String prefix = reader.getPrefix();
            return prefix == null || prefix.isEmpty() ? reader.getLocalName() : prefix + ":" + reader.getLocalName();
        }

        @Override
        public void warning(SAXParseException e) {
            // nothing to report
        }

        /** A schema error: the current formation's, or the file's when it is outside any formation. */
        @Override
        public void error(SAXParseException e) throws SAXException {
            if (draft == null) {
                throw e;
            }
            String where = draft.lheoPath(path.size() > formationDepth ? relativePath() : "");
            draft.schemaErrors.add(new FieldError(where.isEmpty() ? null : where,
                    "line " + e.getLineNumber() + ": " + clean(e.getMessage())));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        private int line() {
            return reader == null ? -1 : reader.getLocation().getLineNumber();
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }

        @Override
        public int getLineNumber() {
            return line();
        }

        @Override
        public int getColumnNumber() {
            return reader == null ? -1 : reader.getLocation().getColumnNumber();
        }

        private ProblemException invalid(int line, String what, String why) {
            String where = line > 0 ? " (line " + line + ")" : "";
            return new ProblemException(INVALID_FILE, what + where + ".",
                    List.of(new FieldError(line > 0 ? "line " + line : null, why)));
        }

        private ProblemException refused(String why) {
            return new ProblemException(INVALID_FILE, "The file is refused (line " + line() + ").",
                    List.of(new FieldError("line " + line(), why)));
        }
    }

    private static String lheo23(String namespace) {
        return LHEO_22.equals(namespace) ? LHEO_23 : namespace == null ? "" : namespace;
    }

    /** The StAX message without its location prefix ("ParseError at [row,col]:[3,5] Message: ..."). */
    private static String parserMessage(String message) {
        if (message == null) {
            return "unreadable XML";
        }
        int at = message.indexOf("Message: ");
        return clean(at < 0 ? message : message.substring(at + "Message: ".length()));
    }

    /** A parser's or validator's message without the values it quotes (only element and type names remain). */
    static String clean(String message) {
        if (message == null) {
            return "invalid";
        }
        String cleaned = QUOTED_VALUE.matcher(message.strip()).replaceAll("the value");
        return LEADING_VALUE.matcher(cleaned).replaceFirst("The value is not");
    }

    /** What has been read of one formation so far. */
    private static final class Draft {

        final int position;
        final String numero;
        final int line;
        final List<FieldError> readErrors = new BoundedErrors();
        final List<FieldError> schemaErrors = new BoundedErrors();
        final Set<String> formacodes = new LinkedHashSet<>();
        final Set<String> romes = new LinkedHashSet<>();
        final List<ActionDraft> actions = new ArrayList<>();
        String title;
        String objectives;
        String content;
        String rncp;
        String rs;
        int contacts;
        final ContactDraft formationContact = new ContactDraft();
        final ContactDraft organisationContact = new ContactDraft();
        final ContactDraft organisationDetails = new ContactDraft();

        Draft(int position, String numero, int line) {
            this.position = position;
            this.numero = numero;
            this.line = line;
        }

        ActionDraft action() {
            return actions.get(actions.size() - 1);
        }

        void start(String element) {
            switch (element) {
                case "action" -> actions.add(new ActionDraft());
                case "action/session" -> action().sessions.add(new SessionDraft());
                case "action/lieu-de-formation" -> action().places++;
                case "contact-formation" -> contacts++;
                default -> {
                    // read on its end tag, or not needed
                }
            }
        }

        void text(String element, String value) {
            String text = value.strip();
            if (element.startsWith("action/") && !actions.isEmpty()) {
                action().text(element.substring("action/".length()), text);
                return;
            }
            switch (element) {
                case "intitule-formation" -> title = text;
                case "objectif-formation" -> objectives = text;
                case "contenu-formation" -> content = text;
                case "domaine-formation/code-FORMACODE" -> {
                    if (text.matches("\\d{5}")) {
                        formacodes.add(text);
                    } else {
                        readErrors.add(new FieldError("domaine-formation/code-FORMACODE", "must be 5 digits"));
                    }
                }
                case "domaine-formation/code-ROME" -> {
                    if (text.matches("[A-N]\\d{4}")) {
                        romes.add(text);
                    } else {
                        readErrors.add(new FieldError("domaine-formation/code-ROME",
                                "must be a ROME code: a letter A to N and 4 digits"));
                    }
                }
                case "certification/code-RNCP" -> rncp = rncp == null ? text : rncp;
                case "certification/code-RS" -> rs = rs == null ? text : rs;
                default -> {
                    if (element.startsWith("contact-formation/coordonnees/") && contacts == 1) {
                        formationContact.text(element.substring("contact-formation/coordonnees/".length()), text);
                    } else if (element.startsWith("organisme-formation-responsable/contact-organisme/coordonnees/")) {
                        organisationContact.text(element.substring(
                                "organisme-formation-responsable/contact-organisme/coordonnees/".length()), text);
                    } else if (element.startsWith(
                            "organisme-formation-responsable/coordonnees-organisme/coordonnees/")) {
                        organisationDetails.text(element.substring(
                                "organisme-formation-responsable/coordonnees-organisme/coordonnees/".length()), text);
                    }
                }
            }
        }

        /** Where an element is in the formation, as the report names it: {@code action[1]/session[2]/periode}. */
        String lheoPath(String element) {
            if (element.isEmpty()) {
                return "";
            }
            String[] names = element.split("/");
            StringBuilder where = new StringBuilder(names[0]);
            if (names[0].equals("action") && !actions.isEmpty()) {
                where.append('[').append(actions.size()).append(']');
                if (names.length > 1 && names[1].equals("session") && !action().sessions.isEmpty()) {
                    where.append('/').append("session[").append(action().sessions.size()).append(']');
                    for (int i = 2; i < names.length; i++) {
                        where.append('/').append(names[i]);
                    }
                    return where.toString();
                }
            }
            for (int i = 1; i < names.length; i++) {
                where.append('/').append(names[i]);
            }
            return where.toString();
        }

        Formation formation(int defaultSeats, boolean defaultInWorkingTime) {
            List<Action> mapped = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                mapped.add(actions.get(i).action("actions[" + i + "]", defaultSeats, defaultInWorkingTime,
                        readErrors));
            }
            Offer offer = new Offer(title, objectives, content, certificationCode(), contact(), mapped);
            return new Formation(position, numero, line, offer, List.copyOf(formacodes), List.copyOf(romes),
                    List.copyOf(readErrors), List.copyOf(schemaErrors));
        }

        /** code-RNCP 474 is RNCP474 (a code already written RNCP474 is kept); else code-RS. */
        private String certificationCode() {
            if (rncp != null && !rncp.isEmpty()) {
                return rncp.matches("\\d+") ? "RNCP" + rncp : rncp.toUpperCase(Locale.ROOT);
            }
            if (rs != null && !rs.isEmpty()) {
                return rs.matches("\\d+") ? "RS" + rs : rs.toUpperCase(Locale.ROOT);
            }
            return null;
        }

        /** The formation's contact; without an e-mail there, the organisation's contact, then the organisation. */
        private Contact contact() {
            for (ContactDraft candidate : List.of(formationContact, organisationContact, organisationDetails)) {
                if (candidate.email != null) {
                    return candidate.contact();
                }
            }
            return formationContact.contact();
        }
    }

    /** Keeps one error more than a formation reports, for the report to tell that there were more. */
    private static final class BoundedErrors extends ArrayList<FieldError> {
        @Override
        public boolean add(FieldError error) {
            return size() <= MAX_FORMATION_ERRORS && super.add(error);
        }
    }

    private static final class ContactDraft {
        String civility;
        String lastName;
        String firstName;
        String email;
        String phone;
        String mobile;

        void text(String element, String text) {
            if (text.isEmpty()) {
                return;
            }
            switch (element) {
                case "civilite" -> civility = text;
                case "nom" -> lastName = text;
                case "prenom" -> firstName = text;
                case "courriel" -> email = text;
                case "telfixe/numtel" -> phone = phone == null ? text : phone;
                case "portable/numtel" -> mobile = mobile == null ? text : mobile;
                default -> {
                    // address lines, web site, fax: not kept
                }
            }
        }

        Contact contact() {
            String name = lastName == null ? null
                    : String.join(" ", firstName == null ? List.of(lastName) : List.of(firstName, lastName));
            return new Contact(name, email, phone != null ? phone : mobile);
        }
    }

    private static final class ActionDraft {
        String totalHours;
        String indicativeDuration;
        String price;
        String teaching;
        int places;
        String placeName;
        String placeDenomination;
        final List<String> streetLines = new ArrayList<>();
        String postcode;
        String city;
        String region;
        String latitude;
        String longitude;
        final List<SessionDraft> sessions = new ArrayList<>();

        void text(String element, String text) {
            if (element.startsWith("session/") && !sessions.isEmpty()) {
                sessions.get(sessions.size() - 1).text(element.substring("session/".length()), text);
                return;
            }
            String place = "lieu-de-formation/coordonnees/";
            if (element.startsWith(place)) {
                if (places == 1) {
                    placeText(element.substring(place.length()), text);
                }
                return;
            }
            switch (element) {
                case "nombre-heures-total" -> totalHours = text;
                case "duree-indicative" -> indicativeDuration = text;
                case "prix-total-TTC" -> price = text;
                case "modalites-enseignement" -> teaching = text;
                default -> {
                    // not mapped
                }
            }
        }

        private void placeText(String element, String text) {
            switch (element) {
                case "ligne" -> placeName = placeName == null ? text : placeName;
                case "adresse/denomination" -> placeDenomination = text;
                case "adresse/ligne" -> streetLines.add(text);
                case "adresse/codepostal" -> postcode = text;
                case "adresse/ville" -> city = text;
                case "adresse/region" -> region = text;
                case "adresse/geolocalisation/latitude" -> latitude = text;
                case "adresse/geolocalisation/longitude" -> longitude = text;
                default -> {
                    // department, INSEE codes, country: not kept
                }
            }
        }

        Action action(String field, int defaultSeats, boolean defaultInWorkingTime, List<FieldError> errors) {
            List<Session> mapped = new ArrayList<>();
            for (int j = 0; j < sessions.size(); j++) {
                mapped.add(sessions.get(j).session(field + ".sessions[" + j + "]", defaultSeats,
                        defaultInWorkingTime, errors));
            }
            return new Action(null, hours(field + ".durationHours", errors), cents(field + ".priceCents", errors),
                    modality(field + ".modality", errors), place(field + ".place", errors), mapped);
        }

        private Integer hours(String field, List<FieldError> errors) {
            if (totalHours != null && !totalHours.isEmpty()) {
                try {
                    return Math.toIntExact(Long.parseLong(totalHours));
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.add(new FieldError(field, "nombre-heures-total is not a number of hours"));
                    return null;
                }
            }
            if (indicativeDuration != null && !indicativeDuration.isEmpty()) {
                Matcher hours = HOURS.matcher(indicativeDuration);
                if (hours.matches()) {
                    return Integer.valueOf(hours.group(1));
                }
                errors.add(new FieldError(field, "no nombre-heures-total, and duree-indicative is not given in "
                        + "hours (as \"35 h\")"));
            }
            return null;
        }

        /** prix-total-TTC in euros ("1234.50", "1 234,50", "1234 €") as cents. */
        private Long cents(String field, List<FieldError> errors) {
            if (price == null || price.isEmpty()) {
                return null;
            }
            String amount = price.replace("€", "").replace("EUR", "").replaceAll("[\\s\u00a0\u202f]", "")
                    .replace(',', '.');
            String notAnAmount = "is not an amount in euros with at most 2 decimals";
            try {
                return Decimals.parse(amount).movePointRight(2).setScale(0).longValueExact();
            } catch (InvalidDecimalException e) {
                errors.add(new FieldError(field, "prix-total-TTC " + e.reason(notAnAmount)));
            } catch (ArithmeticException e) {
                errors.add(new FieldError(field, "prix-total-TTC " + notAnAmount));
            }
            return null;
        }

        /** dict-modalites-enseignement: 0 wholly in person, 1 mixed, 2 wholly at a distance. */
        private Modality modality(String field, List<FieldError> errors) {
            if (teaching == null) {
                return null;
            }
            switch (teaching) {
                case "0":
                    return Modality.IN_PERSON;
                case "1":
                    return Modality.BLENDED;
                case "2":
                    return Modality.REMOTE;
                default:
                    errors.add(new FieldError(field, "modalites-enseignement must be 0, 1 or 2"));
                    return null;
            }
        }

        private Place place(String field, List<FieldError> errors) {
            if (places == 0) {
                return null;
            }
            String name = placeDenomination != null ? placeDenomination : placeName;
            String street = streetLines.isEmpty() ? null : String.join(", ", streetLines);
            return new Place(name, street, postcode, city, region, coordinate(field + ".latitude", latitude, errors),
                    coordinate(field + ".longitude", longitude, errors));
        }

        private static Double coordinate(String field, String text, List<FieldError> errors) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                return Decimals.parse(text.replace(',', '.')).doubleValue();
            } catch (InvalidDecimalException e) {
                errors.add(new FieldError(field, e.reason("is not a decimal number")));
                return null;
            }
        }
    }

    private static final class SessionDraft {
        String start;
        String end;
        String seats;

        void text(String element, String text) {
            switch (element) {
                case "periode/debut" -> start = text;
                case "periode/fin" -> end = text;
                case "recrutement/nb-places" -> seats = seats == null ? text : seats;
                default -> {
                    // registration address and period, state of recruitment: not kept
                }
            }
        }

        Session session(String field, int defaultSeats, boolean defaultInWorkingTime, List<FieldError> errors) {
            Integer places = defaultSeats;
            if (seats != null && !seats.isEmpty()) {
                try {
                    places = Math.toIntExact(Long.parseLong(seats));
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.add(new FieldError(field + ".seats", "nb-places is not a number"));
                    places = null;
                }
            }
            return new Session(null, date(field + ".startsOn", start, errors), date(field + ".endsOn", end, errors),
                    places, defaultInWorkingTime);
        }

        private static LocalDate date(String field, String text, List<FieldError> errors) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(text, LHEO_DATE);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "is not a date (yyyymmdd); LHEO's 00000000 and 99999999 are not "
                        + "dates a session can be booked on"));
                return null;
            }
        }
    }
}
