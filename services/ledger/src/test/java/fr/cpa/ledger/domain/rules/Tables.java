package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Readable amounts for the test tables: "24h", "12h30", "500€", "249.99€", "4pt". */
final class Tables {

    static final LedgerRuleBooks BOOKS = LedgerRuleBooks.load();
    static final Holder ADULT = Holder.bornOn(LocalDate.of(1980, 5, 17));

    record Amount(long value, Unit unit) {
        @Override
        public String toString() {
            return unit.format(value);
        }
    }

    private Tables() {
    }

    static Amount amount(String text) {
        String t = text.trim();
        if (t.endsWith("€")) {
            String[] parts = t.substring(0, t.length() - 1).split("\\.");
            long cents = Long.parseLong(parts[0]) * 100 + (parts.length > 1 ? Long.parseLong(parts[1]) : 0);
            return new Amount(cents, Unit.EURO_CENTS);
        }
        if (t.endsWith("pt")) {
            return new Amount(Long.parseLong(t.substring(0, t.length() - 2)), Unit.POINTS);
        }
        int h = t.indexOf('h');
        if (h < 0) {
            throw new IllegalArgumentException("unreadable amount " + text);
        }
        long minutes = Long.parseLong(t.substring(0, h)) * 60 + (h + 1 < t.length() ? Long.parseLong(t.substring(h + 1)) : 0);
        return new Amount(minutes, Unit.MINUTES);
    }

    static long minutes(String text) {
        Amount a = amount(text);
        if (a.unit() != Unit.MINUTES) {
            throw new IllegalArgumentException(text + " is not a duration");
        }
        return a.value();
    }

    static List<Amount> amounts(String list) {
        List<Amount> out = new ArrayList<>();
        for (String s : list.split(";")) {
            out.add(amount(s));
        }
        return out;
    }

    static Amount of(Credit credit) {
        return new Amount(credit.amount(), credit.unit());
    }
}
