package fr.cpa.ledger.domain;

import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import fr.cpa.ledger.domain.Reservations.Hold;
import fr.cpa.ledger.domain.Reservations.Holding;
import fr.cpa.ledger.domain.Reservations.Outcome;
import fr.cpa.ledger.domain.Reservations.Status;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.enrolment.ApplicationAccepted;
import fr.cpa.platform.events.enrolment.ApplicationCancelled;
import fr.cpa.platform.events.enrolment.TrainingCompleted;
import fr.cpa.platform.events.ledger.FundsDebited;
import fr.cpa.platform.events.ledger.FundsReleased;
import fr.cpa.platform.events.ledger.FundsReservationRefused;
import fr.cpa.platform.events.ledger.FundsReserved;

/**
 * Pays training applications from the holder's accounts, answering the enrolment service through the outbox, in the
 * transaction of the change: an accepted application's funding plan is held (every account's part or none), a
 * completed training is debited prorated to attendance, a cancelled or refused application is freed. Each part is a
 * reservation whose id derives from the application and the account, so that a redelivered event finds it.
 */
@ApplicationScoped
public class ApplicationFunding {

    private static final Logger LOG = Logger.getLogger(ApplicationFunding.class);
    /** The accounts a funding plan may draw on, in this order. */
    private static final List<AccountKind> PAYING = List.of(AccountKind.CPF, AccountKind.CEC);

    private final Accounts accounts;
    private final Reservations reservations;
    private final TopUps topUps;
    private final Outbox outbox;
    private final CpfFreezes freezes;
    private final Clock clock;

    ApplicationFunding(Accounts accounts, Reservations reservations, TopUps topUps, Outbox outbox, CpfFreezes freezes,
            Clock clock) {
        this.accounts = accounts;
        this.reservations = reservations;
        this.topUps = topUps;
        this.outbox = outbox;
        this.freezes = freezes;
        this.clock = clock;
    }

    /** Holds the funding plan, all parts or none; a plan already held is answered again as it stands. */
    @Transactional(TxType.MANDATORY)
    public void accept(ApplicationAccepted accepted) {
        UUID application = accepted.applicationId();
        String person = accepted.personKey();
        ApplicationAccepted.FundingPlan plan = accepted.fundingPlan();
        Map<AccountKind, Long> parts = new EnumMap<>(AccountKind.class);
        if (plan != null) {
            parts.put(AccountKind.CPF, plan.cpfAmount());
            parts.put(AccountKind.CEC, plan.cecAmount());
        }
        if (parts.values().stream().anyMatch(amount -> amount < 0)
                || parts.values().stream().mapToLong(Long::longValue).sum() <= 0) {
            refuse(person, application, "INVALID_PLAN", null);
            return;
        }
        Map<AccountKind, UUID> ids = accounts.open(person);
        // From a full-rate pension or at 67 the CPF cannot be used; the CEC can (L. 5151-2).
        if (parts.get(AccountKind.CPF) > 0 && freezes.of(person, LocalDate.now(clock)).isPresent()) {
            refuse(person, application, "CPF_FROZEN", AccountKind.CPF);
            return;
        }
        List<Hold> holds = new ArrayList<>();
        for (AccountKind kind : PAYING) {
            long amount = parts.get(kind);
            if (amount == 0) {
                continue;
            }
            UUID account = ids.get(kind);
            if (accounts.unitOf(account) != Unit.EURO_CENTS) {
                refuse(person, application, "NOT_IN_EUROS", kind);
                return;
            }
            long earmarkUsed = kind == AccountKind.CPF ? Math.min(amount, topUps.earmarkedFor(application, account)) : 0;
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("applicationId", application);
            inputs.put("topUpsUsed", earmarkUsed);
            holds.add(new Hold(Reservations.forApplication(application, kind), account, amount, earmarkUsed,
                    Unit.EURO_CENTS.format(amount) + " réservés pour une formation acceptée", inputs));
        }
        Holding holding = reservations.reserveAll(holds);
        if (!holding.shortAccounts().isEmpty()) {
            UUID shortAccount = holding.shortAccounts().get(0);
            refuse(person, application, "INSUFFICIENT_FUNDS",
                    PAYING.stream().filter(kind -> ids.get(kind).equals(shortAccount)).findFirst().orElseThrow());
            return;
        }
        if (holding.outcomes().stream().anyMatch(outcome -> outcome.status() != Status.PENDING)) {
            refuse(person, application, "APPLICATION_SETTLED", null);
            return;
        }
        if (holding.created()) {
            holds.stream().filter(hold -> hold.earmarkUsed() > 0)
                    .forEach(hold -> topUps.markHeld(application, hold.accountId(), hold.earmarkUsed()));
        }
        outbox.append(Topics.LEDGER_ACCOUNTS, new FundsReserved(person, application,
                held(holding.outcomes(), application, AccountKind.CPF),
                held(holding.outcomes(), application, AccountKind.CEC)));
    }

    /**
     * Debits each part prorated to attendance and frees the rest; the application's top-ups pay first and what is
     * left of them goes back to their funders. Nothing is answered when nothing was held (the application was never
     * accepted, or already settled).
     */
    @Transactional(TxType.MANDATORY)
    public void complete(TrainingCompleted completed) {
        UUID application = completed.applicationId();
        if (completed.plannedMinutes() <= 0 || completed.attendedMinutes() < 0) {
            LOG.warnf("TrainingCompleted of application %s ignored: attendance %d of %d minutes", application,
                    completed.attendedMinutes(), completed.plannedMinutes());
            return;
        }
        long attended = Math.min(completed.attendedMinutes(), completed.plannedMinutes());
        Map<AccountKind, Long> debited = new EnumMap<>(AccountKind.class);
        for (AccountKind kind : PAYING) {
            Optional<Outcome> held = pending(application, kind);
            if (held.isPresent()) {
                long due = prorate(held.get().amount(), attended, completed.plannedMinutes());
                Map<String, Object> inputs = new LinkedHashMap<>();
                inputs.put("applicationId", application);
                inputs.put("held", held.get().amount());
                inputs.put("attendedMinutes", attended);
                inputs.put("plannedMinutes", completed.plannedMinutes());
                reservations.post(held.get().reservationId(), due, Unit.EURO_CENTS.format(due)
                        + " débités pour une formation suivie (" + Unit.MINUTES.format(attended) + " sur "
                        + Unit.MINUTES.format(completed.plannedMinutes()) + "), sur "
                        + Unit.EURO_CENTS.format(held.get().amount()) + " réservés", inputs);
                debited.put(kind, due);
            }
        }
        if (debited.isEmpty()) {
            LOG.warnf("TrainingCompleted of application %s: nothing is held for it", application);
            return;
        }
        long cpf = debited.getOrDefault(AccountKind.CPF, 0L);
        TopUps.Settlement settlement = topUps.settle(application, accounts.open(completed.personKey())
                .get(AccountKind.CPF), cpf, "formation suivie");
        outbox.append(Topics.LEDGER_ACCOUNTS, new FundsDebited(completed.personKey(), application, cpf,
                debited.getOrDefault(AccountKind.CEC, 0L), settlement.spent(), settlement.returned()));
    }

    /**
     * Frees every part and returns the application's top-ups to their funders, answered by {@code FundsReleased};
     * a forfeiting cause (late cancellation, no-show) debits every part instead, the top-ups spent first, answered by
     * {@code FundsDebited}. Always answered.
     */
    @Transactional(TxType.MANDATORY)
    public void cancel(ApplicationCancelled cancelled) {
        UUID application = cancelled.applicationId();
        boolean forfeit = cancelled.forfeits();
        Map<AccountKind, Long> settled = new EnumMap<>(AccountKind.class);
        for (AccountKind kind : PAYING) {
            Optional<Outcome> held = pending(application, kind);
            if (held.isPresent()) {
                long amount = held.get().amount();
                Map<String, Object> inputs = Map.of("applicationId", application, "cause", String.valueOf(cancelled.cause()));
                if (forfeit) {
                    reservations.post(held.get().reservationId(), amount, Unit.EURO_CENTS.format(amount)
                            + " débités : droits perdus pour " + forfeitReason(cancelled.cause()), inputs);
                } else {
                    reservations.voidReservation(held.get().reservationId(), Unit.EURO_CENTS.format(amount)
                            + " libérés : formation annulée ou refusée", inputs);
                }
                settled.put(kind, amount);
            }
        }
        long cpf = settled.getOrDefault(AccountKind.CPF, 0L);
        long cec = settled.getOrDefault(AccountKind.CEC, 0L);
        UUID cpfAccount = accounts.open(cancelled.personKey()).get(AccountKind.CPF);
        if (forfeit) {
            TopUps.Settlement settlement = topUps.settle(application, cpfAccount, cpf,
                    "droits perdus pour " + forfeitReason(cancelled.cause()));
            outbox.append(Topics.LEDGER_ACCOUNTS, new FundsDebited(cancelled.personKey(), application, cpf, cec,
                    settlement.spent(), settlement.returned()));
            return;
        }
        TopUps.Settlement settlement = topUps.settle(application, cpfAccount, 0, "formation annulée ou refusée");
        outbox.append(Topics.LEDGER_ACCOUNTS, new FundsReleased(cancelled.personKey(), application, cpf, cec,
                settlement.returned()));
    }

    private static String forfeitReason(String cause) {
        return "HOLDER_NO_SHOW".equals(cause) ? "absence non justifiée à l'entrée en formation"
                : "annulation tardive (7 jours ouvrés ou moins avant l'entrée en formation)";
    }

    /**
     * What a completed training costs of an amount held: {@code held × attended / planned}, rounded down to the cent,
     * so the holder never pays for time not attended and the debit never exceeds the hold.
     */
    static long prorate(long held, long attended, long planned) {
        return BigInteger.valueOf(held).multiply(BigInteger.valueOf(attended)).divide(BigInteger.valueOf(planned))
                .longValueExact();
    }

    private Optional<Outcome> pending(UUID application, AccountKind kind) {
        return reservations.find(Reservations.forApplication(application, kind))
                .filter(outcome -> outcome.status() == Status.PENDING);
    }

    private static long held(List<Outcome> outcomes, UUID application, AccountKind kind) {
        UUID id = Reservations.forApplication(application, kind);
        return outcomes.stream().filter(outcome -> outcome.reservationId().equals(id)).mapToLong(Outcome::amount)
                .sum();
    }

    private void refuse(String person, UUID application, String reason, AccountKind account) {
        outbox.append(Topics.LEDGER_ACCOUNTS, new FundsReservationRefused(person, application, reason,
                account == null ? null : account.name()));
    }
}
