package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static fr.cpa.ledger.domain.rules.Tables.amount;
import static fr.cpa.ledger.domain.rules.Tables.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening at 16 (15 with apprenticeship), retirement and death, for the CPF and the CEC. */
class AccountLifeTest {

    private final CpfRules cpf = new CpfRules(BOOKS);
    private final CecRules cec = new CecRules(BOOKS);

    private static Holder holder(String born, boolean apprentice, String retired, String died) {
        Holder h = Holder.bornOn(LocalDate.parse(born));
        h = apprentice ? h.withApprenticeship() : h;
        h = retired.equals("-") ? h : h.retiredOn(LocalDate.parse(retired));
        return died.equals("-") ? h : h.diedOn(LocalDate.parse(died));
    }

    // The year's worked time counts up to full time over the days the account accrues (1607 h × days / days in year).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | born       | apprentice | retired    | died       | year | worked | expected
            turns 16 on 1 January: full year              | 2000-01-01 | false      | -          | -          | 2016 | 1607h  | 24h
            turns 16 on 1 July, full time: capped 184 days| 2000-07-01 | false      | -          | -          | 2016 | 1607h  | 13h
            turns 16 on 1 July, 600 h after: all counted  | 2000-07-01 | false      | -          | -          | 2016 | 600h   | 9h
            turns 15 in the year, no apprenticeship       | 2001-03-01 | false      | -          | -          | 2016 | 1000h  | 0h
            turns 15 in the year with apprenticeship      | 2001-03-01 | true       | -          | -          | 2016 | 1000h  | 15h
            apprentice still 14 all year                  | 2002-03-01 | true       | -          | -          | 2016 | 1000h  | 0h
            under 16 all year                             | 2005-06-01 | false      | -          | -          | 2020 | 800h   | 0€
            turns 16 on 1 July 2020: half reached         | 2004-07-01 | false      | -          | -          | 2020 | 1607h  | 500€
            turns 16 on 1 October 2020: prorated          | 2004-10-01 | false      | -          | -          | 2020 | 1607h  | 125.69€
            retired before the year: CPF stops           | 1955-01-01 | false      | 2019-01-01 | -          | 2020 | 800h   | 0€
            retired on 1 July: capped at 182 days         | 1955-01-01 | false      | 2020-07-01 | -          | 2020 | 1607h  | 248.64€
            retired on 31 December: nearly full           | 1955-01-01 | false      | 2020-12-31 | -          | 2020 | 1607h  | 500€
            died during the year                          | 1980-01-01 | false      | -          | 2020-05-03 | 2020 | 700h   | 0€
            died on 31 December                           | 1980-01-01 | false      | -          | 2020-12-31 | 2020 | 1607h  | 0€
            died before the year                          | 1980-01-01 | false      | -          | 2019-06-01 | 2020 | 0h     | 0€
            died after the year, before crediting         | 1980-01-01 | false      | -          | 2021-02-01 | 2020 | 1607h  | 500€
            """)
    void cpfAccountLife(String name, String born, boolean apprentice, String retired, String died, int year,
            String worked, String expected) {
        Credit credit = cpf.credit(CpfYearInput.of(year, Population.PRIVATE_EMPLOYEE, holder(born, apprentice, retired, died))
                .withWorkedMinutes(minutes(worked)));
        assertEquals(amount(expected), Tables.of(credit), name + " — " + credit.explanation());
    }

    @Test
    void explanationsSayWhyNothingOrLess() {
        assertEquals("0 h au titre de 2016 : compte ouvert le 01/03/2017 (16 ans)", cpf.credit(CpfYearInput
                .of(2016, Population.PRIVATE_EMPLOYEE, holder("2001-03-01", false, "-", "-")).withWorkedMinutes(60)).explanation());
        assertEquals("13 h au titre de 2016 : compte ouvert le 01/07/2016 (16 ans), temps partiel, au prorata "
                + "(807 h 53 min sur 1 607 h), plafond 150 h (L. 6323-11, loi 2014-288)", cpf.credit(CpfYearInput
                .of(2016, Population.PRIVATE_EMPLOYEE, holder("2000-07-01", false, "-", "-"))
                .withWorkedMinutes(minutes("1607h"))).explanation());
        assertEquals("0 € au titre de 2020 : compte clos au décès le 03/05/2020", cpf.credit(CpfYearInput
                .of(2020, Population.PRIVATE_EMPLOYEE, holder("1980-01-01", false, "-", "2020-05-03"))
                .withWorkedMinutes(60)).explanation());
        Credit retired = cpf.credit(CpfYearInput.of(2020, Population.PRIVATE_EMPLOYEE,
                holder("1955-01-01", false, "2019-01-01", "-")).withWorkedMinutes(60));
        assertEquals("0 € au titre de 2020 : droits à la retraite liquidés le 01/01/2019, le CPF n'est plus alimenté",
                retired.explanation());
        Credit apprentice = cpf.credit(CpfYearInput.of(2016, Population.PRIVATE_EMPLOYEE,
                holder("2001-03-01", true, "-", "-")).withWorkedMinutes(minutes("1000h")));
        assertEquals(15, apprentice.parameter("account-opening-age-apprentice").value());
        assertTrue(apprentice.parameter("account-opening-age-apprentice").source().contains("L. 5151-2"));
    }

    @Test
    void retirementStopsTheCpfButNotTheCec() {
        Holder retired = holder("1955-01-01", false, "2019-01-01", "-");
        Credit cpfCredit = cpf.credit(CpfYearInput.of(2020, Population.PRIVATE_EMPLOYEE, retired)
                .withWorkedMinutes(minutes("1607h")));
        List<Credit> cecCredits = cec.credits(2020, retired,
                List.of(CecActivityDeclaration.volunteering(minutes("250h"), minutes("150h"))), 0);
        assertEquals(amount("0€"), Tables.of(cpfCredit));
        assertEquals(1, cecCredits.size());
        assertEquals(amount("240€"), Tables.of(cecCredits.get(0)));
    }

    @Test
    void cecNeedsTheAccountOpenAndTheHolderAlive() {
        List<CecActivityDeclaration> reserve = List.of(CecActivityDeclaration.of(CecActivity.RESERVE_MILITAIRE, 90));
        assertEquals(amount("0€"), Tables.of(cec.credits(2020, holder("1980-01-01", false, "-", "2020-09-01"), reserve, 0).get(0)));
        assertEquals(amount("0€"), Tables.of(cec.credits(2020, holder("2005-02-01", false, "-", "-"), reserve, 0).get(0)));
        // Turning 16 during the year: the account is open at the end of the year, the credit is whole.
        assertEquals(amount("240€"), Tables.of(cec.credits(2020, holder("2004-11-30", false, "-", "-"), reserve, 0).get(0)));
    }
}
