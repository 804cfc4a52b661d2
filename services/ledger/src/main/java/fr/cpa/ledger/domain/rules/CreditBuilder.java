package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.cpa.platform.rules.RuleBook;

/** Collects what a rule read, then writes the credit and its French explanation. */
final class CreditBuilder {

    private final int year;
    private final Unit unit;
    private final List<RuleBook.DatedValue> parameters = new ArrayList<>();
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Set<String> laws = new LinkedHashSet<>();
    private String rule;

    CreditBuilder(String rule, int year, Unit unit) {
        this.rule = rule;
        this.year = year;
        this.unit = unit;
    }

    static LocalDate endOfYear(int year) {
        return LocalDate.of(year, 12, 31);
    }

    CreditBuilder rule(String name) {
        this.rule = name;
        return this;
    }

    /** Records a parameter as used and returns its value. */
    long use(RuleBook.DatedValue value) {
        if (parameters.stream().noneMatch(p -> p.parameter().equals(value.parameter()))) {
            parameters.add(value);
        }
        return value.value();
    }

    /** Records a parameter as used and names its law in the explanation: the text the amount comes from. */
    long cite(RuleBook.DatedValue value) {
        if (value.law() != null) {
            laws.add(value.law());
        }
        return use(value);
    }

    CreditBuilder input(String name, Object value) {
        if (value != null) {
            inputs.put(name, value instanceof LocalDate d ? d.toString() : value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** "24 h au titre de 2016 : temps plein, plafond 150 h (L. 6323-11, loi 2014-288)". */
    Credit credit(long amount, List<String> reasons) {
        String explanation = unit.format(amount) + " au titre de " + year + " : " + String.join(", ", reasons)
                + (laws.isEmpty() ? "" : " (" + String.join(" ; ", laws) + ")");
        return new Credit(rule, year, amount, unit, endOfYear(year), parameters, inputs, explanation);
    }

    Credit zero(String reason) {
        return credit(0, List.of(reason));
    }
}
