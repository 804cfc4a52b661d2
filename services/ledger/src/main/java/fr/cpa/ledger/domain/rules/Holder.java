package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the rules need to know about the person, whatever the account.
 *
 * @param birthDate date of birth, which gives the account's opening date
 * @param apprentice the person signed an apprenticeship contract at 15 (contrat d'apprentissage): the account then
 *        opens at the 15th birthday instead of the 16th; set it only when the contract existed at that age
 * @param retirementDate date from which the holder has claimed all retirement rights (liquidation de l'ensemble des
 *        droits à la retraite), or null: the CPF and the CPP stop accruing from that date, the CEC does not
 * @param deathDate date of death, or null: every account closes on that date
 */
public record Holder(LocalDate birthDate, boolean apprentice, LocalDate retirementDate, LocalDate deathDate) {

    public Holder {
        Objects.requireNonNull(birthDate, "birthDate");
        if (retirementDate != null && retirementDate.isBefore(birthDate)
                || deathDate != null && deathDate.isBefore(birthDate)) {
            throw new IllegalArgumentException("retirement and death cannot precede birth");
        }
    }

    public static Holder bornOn(LocalDate birthDate) {
        return new Holder(birthDate, false, null, null);
    }

    public Holder withApprenticeship() {
        return new Holder(birthDate, true, retirementDate, deathDate);
    }

    public Holder retiredOn(LocalDate date) {
        return new Holder(birthDate, apprentice, date, deathDate);
    }

    public Holder diedOn(LocalDate date) {
        return new Holder(birthDate, apprentice, retirementDate, date);
    }
}
