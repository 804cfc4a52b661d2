package fr.cpa.ledger.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.ledger.domain.rules.CppRules;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.persistence.FundingQueries;
import fr.cpa.ledger.persistence.FundingQueries.AccountFunds;
import fr.cpa.platform.rules.HolderContribution;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * What a holder can spend on one training application, as the enrolment service plans its funding: the CPF free of
 * holds and of every earmarked top-up, the top-ups earmarked for this application, the CEC available, and the CPP
 * points with the value a point used for training has today. The same arithmetic as {@link ApplicationFunding#accept}
 * so a plan built on it is held as planned.
 */
@ApplicationScoped
public class HolderFunding {

    /**
     * @param free CPF balance − pending − all earmarked top-ups, 0 when the CPF is frozen; {@code
     *        earmarkedForApplication} is on top of it
     * @param frozen why the CPF cannot be used (a full-rate pension, 67 years: L. 5151-2), or null
     */
    public record Cpf(String unit, long free, long earmarkedForApplication, List<TopUp> topUps, String frozen) {
    }

    public record TopUp(UUID id, String funderType, String funderName, long amount) {
    }

    public record Cec(String unit, long available) {
    }

    /** @param pointValue euro cents one point puts on the CPF for training today (0 while points counted hours) */
    public record Cpp(long points, long pointValue) {
    }

    /**
     * The holder's contribution in force today (participation obligatoire, L. 6323-4), paid at confirmation on top of
     * the rights used unless the application is exempt (a job seeker, an employer co-funding, CPP points used), which
     * the enrolment flow decides; null before 2 May 2024.
     */
    public record Contribution(long amount, LocalDate from, String law) {
    }

    public record Funding(UUID applicationId, Cpf cpf, Cec cec, Cpp cpp, Contribution contribution) {
    }

    private final FundingQueries queries;
    private final CpfFreezes freezes;
    private final CppRules cppRules = new CppRules(LedgerRuleBooks.load());

    HolderFunding(FundingQueries queries, CpfFreezes freezes) {
        this.queries = queries;
        this.freezes = freezes;
    }

    /** 404 before the holder's accounts are open. */
    public Funding of(UUID holderId, UUID applicationId, LocalDate today) {
        List<AccountFunds> accounts = queries.accounts(holderId);
        AccountFunds cpf = find(accounts, AccountKind.CPF);
        AccountFunds cec = find(accounts, AccountKind.CEC);
        AccountFunds cpp = find(accounts, AccountKind.CPP);
        String frozen = freezes.of(cpf.personKey(), today).map(f -> f.reason() + " : le CPF ne peut plus être "
                + "utilisé, le CEC oui (L. 5151-2)").orElse(null);
        // A frozen CPF offers nothing, its top-ups included.
        List<TopUp> topUps = applicationId == null || frozen != null ? List.of()
                : queries.openTopUps(holderId, applicationId).stream()
                        .map(t -> new TopUp(t.id(), t.funderType(), t.funderName(), t.remaining())).toList();
        long earmarked = topUps.stream().mapToLong(TopUp::amount).sum();
        long pointValue = cppRules.trainingPointValueInEuros(today).map(value -> value.value()).orElse(0L);
        return new Funding(applicationId, new Cpf(cpf.unit(), frozen != null ? 0 : Math.max(0, cpf.free()), earmarked,
                topUps, frozen),
                new Cec(cec.unit(), Math.max(0, cec.available())), new Cpp(Math.max(0, cpp.available()), pointValue),
                HolderContribution.inForce(today).map(c -> new Contribution(c.value(), c.from(), c.law())).orElse(null));
    }

    private static AccountFunds find(List<AccountFunds> accounts, AccountKind kind) {
        return accounts.stream().filter(account -> account.kind().equals(kind.name())).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No accounts yet: they appear once the registration is validated."));
    }
}
