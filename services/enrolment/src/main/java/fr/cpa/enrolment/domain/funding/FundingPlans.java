package fr.cpa.enrolment.domain.funding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.cpa.enrolment.domain.EnrolmentRules;
import fr.cpa.enrolment.domain.funding.FundingPlan.Contribution;
import fr.cpa.enrolment.domain.funding.FundingPlan.Line;
import fr.cpa.enrolment.domain.funding.FundingPlan.Source;
import fr.cpa.platform.rules.FrenchFormat;
import fr.cpa.platform.rules.RuleBook.DatedValue;

/**
 * Computes a training's funding plan. The holder's contribution in force that day is a fixed part of the price (L.
 * 6323-4, II; décret 2024-394), unless an exemption applies; the rest is paid, in this order, by the funders' top-ups
 * made for this application, the CPP points converted for it, the holder's CPF, their CEC rights, and finally by
 * the holder. A volunteers' training is paid from CEC rights only. No right is used without the holder's consent.
 */
public final class FundingPlans {

    private FundingPlans() {
    }

    public static FundingPlan plan(FundingRequest request, AvailableFunds funds) {
        if (request.priceCents() < 0) {
            throw new IllegalArgumentException("a price is not negative");
        }
        Optional<DatedValue> contributionInForce = EnrolmentRules.holderContribution(request.on());
        String exemption = exemption(request, funds, contributionInForce);
        long contribution = exemption == null ? Math.min(contributionInForce.get().value(), request.priceCents()) : 0;
        List<Line> lines = fromRights(request, funds, request.priceCents() - contribution);
        if (contribution > 0 && contribution < request.priceCents()
                && lines.stream().allMatch(line -> line.source() == Source.HOLDER_REMAINDER)) {
            // Nothing of the account is used: the holder simply pays, and owes no contribution.
            exemption = "NO_RIGHTS_USED";
            contribution = 0;
            lines = fromRights(request, funds, request.priceCents());
        }
        List<Line> all = new ArrayList<>();
        if (contribution > 0) {
            all.add(new Line(Source.HOLDER_CONTRIBUTION, contribution, "participation obligatoire"));
        }
        all.addAll(lines);
        long cpf = sum(all, Source.EARMARKED_TOP_UPS) + sum(all, Source.CPP_POINTS) + sum(all, Source.CPF);
        long cec = sum(all, Source.CEC);
        long holderPays = contribution + sum(all, Source.HOLDER_REMAINDER);
        Contribution said = contribution(exemption, contribution, contributionInForce);
        return new FundingPlan(request.priceCents(), all, said, cpf, cec, holderPays,
                explanation(request.priceCents(), cpf + cec, holderPays, said));
    }

    private static List<Line> fromRights(FundingRequest request, AvailableFunds funds, long toPay) {
        List<Line> lines = new ArrayList<>();
        long left = toPay;
        if (!request.cecOnly()) {
            left = take(lines, Source.EARMARKED_TOP_UPS, funds.earmarkedTotal(), left, "abondements pour cette formation");
            if (request.useCpf()) {
                if (!request.cppConverted()) {
                    left = take(lines, Source.CPP_POINTS, request.cppPoints() * funds.cppPointValue(), left,
                            request.cppPoints() + " points du compte professionnel de prévention");
                }
                left = take(lines, Source.CPF, funds.cpfFree(), left, "compte personnel de formation");
            }
        }
        if (request.useCec() || request.cecOnly()) {
            left = take(lines, Source.CEC, funds.cecAvailable(), left, "compte d'engagement citoyen");
        }
        if (left > 0) {
            lines.add(new Line(Source.HOLDER_REMAINDER, left, "reste à payer par le titulaire"));
        }
        return lines;
    }

    private static long take(List<Line> lines, Source source, long available, long left, String label) {
        long used = Math.min(Math.max(available, 0), left);
        if (used > 0) {
            lines.add(new Line(source, used, label));
        }
        return left - used;
    }

    /** Why no contribution is due, or null when it is. */
    private static String exemption(FundingRequest request, AvailableFunds funds, Optional<DatedValue> inForce) {
        if (inForce.isEmpty()) {
            return "NOT_IN_FORCE";
        }
        if ("JOB_SEEKER".equals(request.employmentStatus()) || "JOB_SEEKER_CSP".equals(request.employmentStatus())) {
            return "JOB_SEEKER";
        }
        if (!request.cecOnly() && funds.earmarked().stream().anyMatch(AvailableFunds.EarmarkedTopUp::byEmployer)) {
            return "EMPLOYER_CO_FUNDING";
        }
        if (request.useCpf() && !request.cecOnly() && request.cppPoints() > 0) {
            return "CPP_POINTS";
        }
        return null;
    }

    private static Contribution contribution(String exemption, long amount, Optional<DatedValue> inForce) {
        String explanation = switch (exemption == null ? "DUE" : exemption) {
            case "DUE" -> "Participation obligatoire de " + FrenchFormat.euros(amount) + " en vigueur depuis le "
                    + FrenchFormat.date(inForce.get().from()) + " (" + inForce.get().law() + ")";
            case "NOT_IN_FORCE" -> "Aucune participation obligatoire avant le 2 mai 2024";
            case "JOB_SEEKER" -> "Pas de participation obligatoire : les demandeurs d'emploi en sont dispensés "
                    + "(Code du travail, L. 6323-4, II)";
            case "EMPLOYER_CO_FUNDING" -> "Pas de participation obligatoire : la formation est abondée par "
                    + "l'employeur ou son opérateur de compétences (Code du travail, L. 6323-4, II)";
            case "CPP_POINTS" -> "Pas de participation obligatoire : des points du compte professionnel de "
                    + "prévention sont mobilisés (décret n° 2024-394)";
            case "NO_RIGHTS_USED" -> "Pas de participation obligatoire : aucun droit n'est mobilisé";
            default -> throw new IllegalStateException(exemption);
        };
        return new Contribution(amount, exemption, inForce.map(DatedValue::from).orElse(null),
                inForce.map(DatedValue::source).orElse(null), explanation);
    }

    private static String explanation(long price, long rights, long holderPays, Contribution contribution) {
        return "Prix " + FrenchFormat.euros(price) + " : " + FrenchFormat.euros(rights) + " payés par vos droits et abondements, "
                + FrenchFormat.euros(holderPays) + " à votre charge. " + contribution.explanation() + ".";
    }

    private static long sum(List<Line> lines, Source source) {
        return lines.stream().filter(line -> line.source() == source).mapToLong(Line::amount).sum();
    }
}
