package fr.cpa.ledger.domain.rules;

import java.util.Objects;

import fr.cpa.platform.rules.RuleBook;

/**
 * The rule books the ledger reads, loaded once and checked whole (a bad book stops the service at start). The opening
 * ages come from the platform's {@code accounts.json}, shared with registration, so both agree on who has an account.
 */
public record LedgerRuleBooks(RuleBook accounts, RuleBook cpfPrivate, RuleBook cpfPublic, RuleBook cpfConversion,
        RuleBook dif, RuleBook cec, RuleBook cpp, RuleBook topUps) {

    public LedgerRuleBooks {
        Objects.requireNonNull(accounts);
        Objects.requireNonNull(cpfPrivate);
        Objects.requireNonNull(cpfPublic);
        Objects.requireNonNull(cpfConversion);
        Objects.requireNonNull(dif);
        Objects.requireNonNull(cec);
        Objects.requireNonNull(cpp);
        Objects.requireNonNull(topUps);
    }

    /** The books from the class path: {@code rules/accounts.json} (platform) and the ledger's own. */
    public static LedgerRuleBooks load() {
        return new LedgerRuleBooks(
                RuleBook.load("rules/accounts.json"),
                RuleBook.load("rules/cpf-private.json"),
                RuleBook.load("rules/cpf-public.json"),
                RuleBook.load("rules/cpf-conversion.json"),
                RuleBook.load("rules/dif.json"),
                RuleBook.load("rules/cec.json"),
                RuleBook.load("rules/cpp.json"),
                RuleBook.load("rules/top-ups.json"));
    }
}
