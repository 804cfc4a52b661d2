package fr.cpa.ledger.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import fr.cpa.ledger.domain.rules.Unit;

/**
 * An entry to append to an account's journal. {@code amount} changes the balance, {@code pendingAmount} the total held
 * by open reservations; both signed, in {@code unit}. The id is chosen by the caller from what caused the entry, so
 * that writing it again is recognised.
 *
 * @param explanation what the holder reads, in French ("24 h au titre de 2016 : temps plein, plafond 150 h")
 * @param inputs the rule's parameters with their sources, and the inputs used
 */
public record NewEntry(UUID id, UUID accountId, EntryKind kind, long amount, long pendingAmount,
        Unit unit, LocalDate effectiveDate, String rule, Integer ruleYear, String explanation,
        Map<String, Object> inputs, UUID reservationId, UUID linkedEntryId) {

    /** A plain change of the balance, with no reservation or link. */
    public static NewEntry of(UUID id, UUID accountId, EntryKind kind, long amount, Unit unit,
            LocalDate effectiveDate, String rule, Integer ruleYear, String explanation, Map<String, Object> inputs) {
        return new NewEntry(id, accountId, kind, amount, 0, unit, effectiveDate, rule, ruleYear, explanation, inputs,
                null, null);
    }
}
