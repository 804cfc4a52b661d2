package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.Optional;

import fr.cpa.platform.rules.RuleBook;

/**
 * Hours to euros on 1 January 2019, at the rate of the rule book (cpf-conversion.json for CPF and CEC hours, dif.json
 * for DIF hours). The conversion date is the date the rate came into force, so a correction of the date is a book change too.
 *
 * <p>Rounding: cents = minutes × rate per hour / 60, rounded half up to the cent (exact at €15/h: 25 cents a minute).
 */
public final class CpfConversion {

    private static final String CPF_RATE = "cpf-hours-to-euros-rate";
    private static final String DIF_RATE = "dif-hours-to-euros-rate";
    private static final String DIF_ENTRY = "dif-entry-open";
    private static final String CEC_RATE = "cec-hours-to-euros-rate";

    private final LedgerRuleBooks books;

    public CpfConversion(LedgerRuleBooks books) {
        this.books = books;
    }

    /** The day hours become euros (1 January 2019). */
    public LocalDate conversionDate(HoursConversion.Kind kind) {
        return rateParameter(kind).values().get(0).from();
    }

    public HoursConversion convert(HoursConversion.Kind kind, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes to convert must not be negative");
        }
        LocalDate date = conversionDate(kind);
        RuleBook.DatedValue rate = rateParameter(kind).at(date).orElseThrow();
        long cents = Amounts.mulDivHalfUp(minutes, rate.value(), Amounts.MINUTES_PER_HOUR);
        String explanation = Unit.MINUTES.format(minutes) + " " + kind.label() + " converties en "
                + Unit.EURO_CENTS.format(cents) + " le " + Amounts.date(date) + " ("
                + Unit.EURO_CENTS.format(rate.value()) + " par heure)";
        return new HoursConversion(kind, minutes, cents, date, rate, explanation);
    }

    /**
     * Whether DIF hours can still be entered on the date (until 31 Dec 2020, extended to 30 June 2021). Hours entered
     * by then can be used without a deadline (ordonnance 2019-861, art. 8).
     */
    public boolean difEntryOpenOn(LocalDate date) {
        return books.dif().parameter(DIF_ENTRY).at(date).map(v -> v.value() != 0).orElse(false);
    }

    /** When entering DIF hours closed (1 July 2021) and the texts that closed it, when the date is after it. */
    public Optional<RuleBook.Closing> difEntryClosedOn(LocalDate date) {
        return books.dif().parameter(DIF_ENTRY).closing(date);
    }

    /** The most DIF hours a holder can enter (120 h), in minutes. */
    public RuleBook.DatedValue difMaximum(LocalDate date) {
        return books.dif().at("dif-hours-maximum", date);
    }

    private RuleBook.Parameter rateParameter(HoursConversion.Kind kind) {
        return switch (kind) {
            case DIF_HOURS -> books.dif().parameter(DIF_RATE);
            case CPF_HOURS -> books.cpfConversion().parameter(CPF_RATE);
            case CEC_HOURS -> books.cpfConversion().parameter(CEC_RATE);
        };
    }
}
