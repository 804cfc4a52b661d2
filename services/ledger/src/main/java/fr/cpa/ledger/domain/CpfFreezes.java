package fr.cpa.ledger.domain;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.ledger.domain.rules.CpfFreeze;
import fr.cpa.ledger.domain.rules.CpfRules;
import fr.cpa.ledger.domain.rules.Holder;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;

/**
 * Whether a person's CPF is frozen on a date (L. 5151-2): from the full-rate pension the holder told identity of, or
 * at the age limit from the birth date the accounts know. Without a known birth date only the pension can tell.
 */
@ApplicationScoped
public class CpfFreezes {

    private final Accounts accounts;
    private final HolderSituations situations;
    private final CpfRules rules = new CpfRules(LedgerRuleBooks.load());

    CpfFreezes(Accounts accounts, HolderSituations situations) {
        this.accounts = accounts;
        this.situations = situations;
    }

    public Optional<CpfFreeze> of(String personKey, LocalDate date) {
        Optional<LocalDate> retired = situations.historyOf(personKey).retiredOn();
        Optional<LocalDate> born = accounts.birthDate(personKey);
        if (born.isEmpty()) {
            return rules.frozenByPension(retired.orElse(null), date);
        }
        Holder holder = Holder.bornOn(born.get());
        return rules.frozenOn(retired.map(holder::retiredOn).orElse(holder), date);
    }
}
