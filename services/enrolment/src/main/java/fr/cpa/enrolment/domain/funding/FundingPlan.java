package fr.cpa.enrolment.domain.funding;

import java.time.LocalDate;
import java.util.List;

/**
 * Who pays what of a training's price, in euro cents: the lines add up to the price. {@code cpfAmount} and
 * {@code cecAmount} are what the ledger is asked to hold (the CPF part includes the application's top-ups and the
 * euros of converted CPP points); the holder pays {@code holderPays} at confirmation.
 */
public record FundingPlan(long priceCents, List<Line> lines, Contribution contribution, long cpfAmount,
        long cecAmount, long holderPays, String explanation) {

    public FundingPlan {
        lines = List.copyOf(lines);
    }

    /** Where a part of the price comes from, in the order it is used. */
    public enum Source {
        /** The holder's contribution (participation obligatoire), a fixed part of the price. */
        HOLDER_CONTRIBUTION,
        /** Funders' top-ups made for this application: used first, and returned to them if not used. */
        EARMARKED_TOP_UPS,
        /** CPP points converted into CPF euros for this training. */
        CPP_POINTS,
        /** The holder's CPF (the former DIF hours included) and top-ups naming no application. */
        CPF,
        /** The holder's CEC rights. */
        CEC,
        /** What no right covers: the holder pays it, or asks a funder for a top-up. */
        HOLDER_REMAINDER
    }

    public record Line(Source source, long amount, String label) {
    }

    /**
     * The contribution due, or why none is.
     *
     * @param exemption null when due; else JOB_SEEKER, EMPLOYER_CO_FUNDING, CPP_POINTS, NO_RIGHTS_USED or NOT_IN_FORCE
     * @param inForceFrom the date of the figure used (null when none applies)
     * @param source its legal text
     */
    public record Contribution(long amount, String exemption, LocalDate inForceFrom, String source,
            String explanation) {
    }

    /** The rights and top-ups used, which the ledger holds. */
    public long rightsUsed() {
        return cpfAmount + cecAmount;
    }

    public long amountOf(Source source) {
        return lines.stream().filter(line -> line.source() == source).mapToLong(Line::amount).sum();
    }
}
