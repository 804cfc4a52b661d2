package fr.cpa.enrolment.domain.funding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cpa.enrolment.domain.funding.FundingPlan.Source;

/**
 * The funding plan, in euro cents: the holder's contribution in force (100 € from 2 May 2024, 102.23 € in 2025,
 * 103.20 € in 2026) and its exemptions, then top-ups for the application, CPP points, CPF, CEC, and the rest paid by
 * the holder. Top-ups are "TYPE:cents" joined by "+".
 */
class FundingPlansTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | on         | status     | price   | cpf    | cec   | topUps          | use     | cpp | contribution | exemption           | earmarked | cppEuros | fromCpf | fromCec | holderPays
            employee 2026, rights cover it                  | 2026-12-07 | EMPLOYEE   | 150000  | 300000 | 0     | -               | CPF     | 0   | 10320        | -                   | 0         | 0        | 139680  | 0       | 10320
            employee 2025: 102,23 €                          | 2025-06-02 | EMPLOYEE   | 150000  | 300000 | 0     | -               | CPF     | 0   | 10223        | -                   | 0         | 0        | 139777  | 0       | 10223
            employee on 2 May 2024: 100 €                    | 2024-05-02 | EMPLOYEE   | 150000  | 300000 | 0     | -               | CPF     | 0   | 10000        | -                   | 0         | 0        | 140000  | 0       | 10000
            before 2 May 2024: no contribution              | 2024-05-01 | EMPLOYEE   | 150000  | 300000 | 0     | -               | CPF     | 0   | 0            | NOT_IN_FORCE        | 0         | 0        | 150000  | 0       | 0
            job seeker: none                                | 2026-12-07 | JOB_SEEKER | 150000  | 300000 | 0     | -               | CPF     | 0   | 0            | JOB_SEEKER          | 0         | 0        | 150000  | 0       | 0
            job seeker in CSP: none                         | 2026-12-07 | JOB_SEEKER_CSP | 150000 | 300000 | 0  | -               | CPF     | 0   | 0            | JOB_SEEKER          | 0         | 0        | 150000  | 0       | 0
            employer co-funds: none, top-up first           | 2026-12-07 | EMPLOYEE   | 150000  | 100000 | 0     | EMPLOYER:60000  | CPF     | 0   | 0            | EMPLOYER_CO_FUNDING | 60000     | 0        | 90000   | 0       | 0
            OPCO co-funds: none                             | 2026-12-07 | EMPLOYEE   | 150000  | 200000 | 0     | OPCO:20000      | CPF     | 0   | 0            | EMPLOYER_CO_FUNDING | 20000     | 0        | 130000  | 0       | 0
            region's top-up: contribution still due         | 2026-12-07 | EMPLOYEE   | 150000  | 100000 | 0     | REGION:50000    | CPF     | 0   | 10320        | -                   | 50000     | 0        | 89680   | 0       | 10320
            short rights: the holder pays the rest          | 2026-12-07 | EMPLOYEE   | 150000  | 80000  | 0     | -               | CPF     | 0   | 10320        | -                   | 0         | 0        | 80000   | 0       | 70000
            CPF then CEC                                    | 2026-12-07 | EMPLOYEE   | 150000  | 100000 | 72000 | -               | CPF,CEC | 0   | 10320        | -                   | 0         | 0        | 100000  | 39680   | 10320
            CEC not chosen is not used                      | 2026-12-07 | EMPLOYEE   | 150000  | 100000 | 72000 | -               | CPF     | 0   | 10320        | -                   | 0         | 0        | 100000  | 0       | 50000
            CEC-only training: CEC only, no top-up          | 2026-12-07 | EMPLOYEE   | 60000   | 500000 | 72000 | REGION:10000    | CEC     | 0   | 10320        | -                   | 0         | 0        | 0       | 49680   | 10320
            CEC-only short: holder pays the rest            | 2026-12-07 | EMPLOYEE   | 100000  | 500000 | 24000 | -               | CEC     | 0   | 10320        | -                   | 0         | 0        | 0       | 24000   | 76000
            CPP points: none, points before the CPF         | 2026-12-07 | EMPLOYEE   | 150000  | 300000 | 0     | -               | CPF     | 2   | 0            | CPP_POINTS          | 0         | 100000   | 50000   | 0       | 0
            no rights at all: no contribution, holder pays  | 2026-12-07 | EMPLOYEE   | 150000  | 0      | 0     | -               | CPF     | 0   | 0            | NO_RIGHTS_USED      | 0         | 0        | 0       | 0       | 150000
            price below the contribution: the holder pays it | 2026-12-07 | EMPLOYEE  | 5000    | 300000 | 0     | -               | CPF     | 0   | 5000         | -                   | 0         | 0        | 0       | 0       | 5000
            two top-ups, more than the price                | 2026-12-07 | EMPLOYEE   | 150000  | 300000 | 0     | REGION:100000+STATE:80000 | CPF | 0 | 10320     | -                   | 139680    | 0        | 0       | 0       | 10320""")
    void plan(String name, LocalDate on, String status, long price, long cpf, long cec, String topUps, String use,
            int cpp, long contribution, String exemption, long earmarked, long cppEuros, long fromCpf, long fromCec,
            long holderPays) {
        boolean cecOnly = use.equals("CEC");
        FundingRequest request = new FundingRequest(price, cecOnly, use.contains("CPF"), use.contains("CEC"), cpp,
                false, status, on);
        FundingPlan plan = FundingPlans.plan(request, new AvailableFunds(cpf, topUps(topUps), cec, 10, 50000));
        assertEquals(contribution, plan.contribution().amount(), name + ": contribution");
        assertEquals(exemption.equals("-") ? null : exemption, plan.contribution().exemption(), name + ": exemption");
        assertEquals(earmarked, plan.amountOf(Source.EARMARKED_TOP_UPS), name + ": top-ups");
        assertEquals(cppEuros, plan.amountOf(Source.CPP_POINTS), name + ": CPP points");
        assertEquals(fromCpf, plan.amountOf(Source.CPF), name + ": CPF");
        assertEquals(fromCec, plan.amountOf(Source.CEC), name + ": CEC");
        assertEquals(holderPays, plan.holderPays(), name + ": the holder pays");
        assertEquals(earmarked + cppEuros + fromCpf, plan.cpfAmount(), name + ": the ledger holds on the CPF");
        assertEquals(fromCec, plan.cecAmount(), name + ": the ledger holds on the CEC");
        assertEquals(price, plan.lines().stream().mapToLong(FundingPlan.Line::amount).sum(), name + ": adds up");
        assertTrue(plan.explanation().startsWith("Prix "), plan.explanation());
    }

    private static List<AvailableFunds.EarmarkedTopUp> topUps(String text) {
        List<AvailableFunds.EarmarkedTopUp> list = new ArrayList<>();
        if (!text.equals("-")) {
            for (String part : text.split("\\+")) {
                String[] typeAndAmount = part.split(":");
                list.add(new AvailableFunds.EarmarkedTopUp(UUID.randomUUID(), typeAndAmount[0], typeAndAmount[0],
                        Long.parseLong(typeAndAmount[1])));
            }
        }
        return list;
    }
}
