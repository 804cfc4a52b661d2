package fr.cpa.platform.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Legal figures as dated data, in the manner of OpenFisca's parameters: each parameter has values in force from a
 * date, each with its legal source, so a computation for 2016 uses the 2016 figure and says where it comes from.
 * Values are integers in the parameter's unit (years, euro cents, minutes, points): no floating point.
 *
 * <p>A book is a JSON resource:
 * <pre>{"parameter-name": {"description": "...", "unit": "years",
 *     "values": [{"from": "2015-01-01", "value": 16, "source": "Code du travail, L. 5151-2", "law": "L. 5151-2"},
 *                {"from": "2030-01-01", "value": null, "source": "...repealed"}]}}</pre>
 * A {@code null} value ends the parameter's force from that date.
 */
public final class RuleBook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, Parameter> parameters;

    private RuleBook(String name, Map<String, Parameter> parameters) {
        this.name = name;
        this.parameters = parameters;
    }

    /** Loads a book from the class path, checking it whole, so that a bad table stops the service at start. */
    public static RuleBook load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No rule book " + resource + " on the class path");
            }
            return parse(resource, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule book " + resource, e);
        }
    }

    static RuleBook parse(String name, JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(name + ": a rule book is a non-empty JSON object of parameters");
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            parameters.put(field.getKey(), Parameter.parse(name + "/" + field.getKey(), field.getKey(), field.getValue()));
        }
        return new RuleBook(name, Collections.unmodifiableMap(parameters));
    }

    public String name() {
        return name;
    }

    /** Every parameter, in the book's order, for checks and indexes. */
    public Collection<Parameter> parameters() {
        return parameters.values();
    }

    public Parameter parameter(String parameterName) {
        Parameter parameter = parameters.get(parameterName);
        if (parameter == null) {
            throw new IllegalArgumentException(name + " has no parameter " + parameterName);
        }
        return parameter;
    }

    /** The value in force on the date; fails when the parameter is not in force then, a bug in the caller's period. */
    public DatedValue at(String parameterName, LocalDate date) {
        return parameter(parameterName).at(date)
                .orElseThrow(() -> new IllegalStateException(name + "/" + parameterName + " is not in force on " + date));
    }

    public long valueAt(String parameterName, LocalDate date) {
        return at(parameterName, date).value();
    }

    /**
     * One value of a parameter, with the date it came into force and its legal source.
     *
     * @param source the legal text and what it says, in full, for audits and the rule-book index
     * @param law the short citation shown to holders in explanations ("R. 4163-9, décret 2023-759"), or null
     */
    public record DatedValue(String parameter, long value, String unit, LocalDate from, String source, String law) {
    }

    /** The end of a parameter's force: its date, and the text that ended it. */
    public record Closing(String parameter, LocalDate from, String source, String law) {
    }

    /** A parameter's history. */
    public static final class Parameter {

        private final String name;
        private final String description;
        private final String unit;
        // from-date -> value, or null where the parameter stops being in force.
        private final NavigableMap<LocalDate, DatedValue> history;
        private final Map<LocalDate, Closing> closings;

        private Parameter(String name, String description, String unit, NavigableMap<LocalDate, DatedValue> history,
                Map<LocalDate, Closing> closings) {
            this.name = name;
            this.description = description;
            this.unit = unit;
            this.history = history;
            this.closings = closings;
        }

        static Parameter parse(String where, String name, JsonNode node) {
            String description = text(where, node, "description");
            String unit = text(where, node, "unit");
            JsonNode values = node.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(where + ": values must be a non-empty array");
            }
            NavigableMap<LocalDate, DatedValue> history = new TreeMap<>();
            Map<LocalDate, Closing> closings = new LinkedHashMap<>();
            LocalDate previous = null;
            for (JsonNode entry : values) {
                LocalDate from = LocalDate.parse(text(where, entry, "from"));
                if (previous != null && !from.isAfter(previous)) {
                    throw new IllegalArgumentException(where + ": values must be in strictly increasing date order");
                }
                previous = from;
                String source = text(where, entry, "source");
                String law = optionalText(where, entry, "law");
                JsonNode value = entry.get("value");
                if (value == null || !(value.isNull() || value.isIntegralNumber() && value.canConvertToLong())) {
                    throw new IllegalArgumentException(where + " from " + from + ": value must be an integer or null");
                }
                history.put(from, value.isNull() ? null
                        : new DatedValue(name, value.longValue(), unit, from, source, law));
                if (value.isNull()) {
                    closings.put(from, new Closing(name, from, source, law));
                }
            }
            return new Parameter(name, description, unit, history, closings);
        }

        private static String text(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": " + field + " is required");
            }
            return value.asText();
        }

        private static String optionalText(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": " + field + ", when given, is a non-blank text");
            }
            return value.asText();
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public String unit() {
            return unit;
        }

        public Optional<DatedValue> at(LocalDate date) {
            Map.Entry<LocalDate, DatedValue> entry = history.floorEntry(date);
            return entry == null ? Optional.empty() : Optional.ofNullable(entry.getValue());
        }

        /**
         * The day the parameter went out of force (the date of its {@code null} value), when it is out of force on the
         * date after having been in force; empty while in force or before its first value.
         */
        public Optional<LocalDate> endedOn(LocalDate date) {
            Map.Entry<LocalDate, DatedValue> entry = history.floorEntry(date);
            return entry != null && entry.getValue() == null ? Optional.of(entry.getKey()) : Optional.empty();
        }

        /** The end of force in effect on the date, with its text, when the parameter is out of force then. */
        public Optional<Closing> closing(LocalDate date) {
            return endedOn(date).map(closings::get);
        }

        /** Every end of force in date order, with its text. */
        public List<Closing> closings() {
            return List.copyOf(closings.values());
        }

        /** Every value in date order, for documentation and audits. */
        public List<DatedValue> values() {
            List<DatedValue> list = new ArrayList<>();
            history.values().forEach(v -> {
                if (v != null) {
                    list.add(v);
                }
            });
            return list;
        }
    }
}
