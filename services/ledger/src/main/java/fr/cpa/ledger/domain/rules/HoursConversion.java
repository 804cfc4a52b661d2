package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;

import fr.cpa.platform.rules.RuleBook;

/**
 * The conversion of an account's hours into euros on 1 January 2019: one journal entry of its own (hours out, euros
 * in), for earned CPF hours, DIF hours and CEC hours alike.
 *
 * @param kind which hours were converted
 * @param minutesOut hours converted, in minutes
 * @param centsIn the euros they became, in cents
 * @param date the conversion date (the day the rate came into force)
 * @param rate the rate used, euro cents per hour, with its source
 * @param explanation e.g. "150 h d'heures CPF converties en 2 250 € le 01/01/2019 (15 € par heure)"
 */
public record HoursConversion(Kind kind, long minutesOut, long centsIn, LocalDate date, RuleBook.DatedValue rate,
        String explanation) {

    public enum Kind {
        /** Hours earned on the CPF (yearly credits, less what was spent). */
        CPF_HOURS("d'heures CPF"),
        /** Hours of the former DIF entered by the holder. */
        DIF_HOURS("de DIF"),
        /** Hours earned on the CEC (compte d'engagement citoyen), converted at a rate of their own. */
        CEC_HOURS("d'heures CEC");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
