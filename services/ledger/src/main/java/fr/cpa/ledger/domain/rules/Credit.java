package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import fr.cpa.platform.rules.RuleBook;

/**
 * A yearly credit computed by a rule, possibly zero, with everything needed to explain it to the holder.
 *
 * @param rule the rule's name, e.g. {@code cpf.private.hours}
 * @param year the year of activity the credit is for ("au titre de 2016")
 * @param amount the credit, never negative, in {@code unit}
 * @param effectiveDate 31 December of the year of activity: the rights are deemed acquired at the end of the year they
 *        are earned for, although the journal posts them during the next first quarter (seeds 003)
 * @param parameters the dated parameters the computation read, each with its source
 * @param inputs the inputs the rule used, by name (values are String, Long, Boolean or Integer)
 * @param explanation plain French, e.g. "24 h au titre de 2016 : temps plein, plafond 150 h"
 */
public record Credit(String rule, int year, long amount, Unit unit, LocalDate effectiveDate,
        List<RuleBook.DatedValue> parameters, Map<String, Object> inputs, String explanation) {

    public Credit {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(unit);
        Objects.requireNonNull(effectiveDate);
        Objects.requireNonNull(explanation);
        if (amount < 0) {
            throw new IllegalArgumentException("a credit is never negative");
        }
        parameters = List.copyOf(parameters);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    public boolean isZero() {
        return amount == 0;
    }

    /** The parameter of that name among those used. */
    public RuleBook.DatedValue parameter(String name) {
        return parameters.stream().filter(p -> p.parameter().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(rule + " did not use " + name));
    }

    /** Parameters and inputs as plain maps and lists, for the journal entry's audit column. */
    public Map<String, Object> audit() {
        List<Map<String, Object>> used = new ArrayList<>();
        for (RuleBook.DatedValue p : parameters) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("parameter", p.parameter());
            m.put("value", p.value());
            m.put("unit", p.unit());
            m.put("from", p.from().toString());
            m.put("source", p.source());
            if (p.law() != null) {
                m.put("law", p.law());
            }
            used.add(m);
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("rule", rule);
        audit.put("year", year);
        audit.put("parameters", used);
        audit.put("inputs", inputs);
        return audit;
    }
}
