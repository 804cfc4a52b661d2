package fr.cpa.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import fr.cpa.ledger.domain.rules.CpfConversion;
import fr.cpa.ledger.domain.rules.HoursConversion;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.events.Outbox;
import fr.cpa.platform.events.Topics;
import fr.cpa.platform.events.ledger.ApplicationToppedUp;
import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;
import fr.cpa.platform.rules.FrenchFormat;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Top-ups (abondements): a funder adds euros to a person's CPF, usually for one training application. The money is
 * part of the balance but kept apart in {@code topped_up} (it never counts toward a ceiling) and, when it names an
 * application, earmarked for it. When the application ends, its top-ups are spent first and what is left goes back to
 * the funder (rules.md: "unused top-up returns to its funder, never to the holder's free balance").
 */
@ApplicationScoped
public class TopUps {

    private static final Logger LOG = Logger.getLogger(TopUps.class);

    /** Who tops up (rules.md, "Top-ups"). */
    public enum FunderType {
        /** The employer: own decision or collective agreement. */
        EMPLOYER,
        /**
         * The employer's corrective top-up (abondement correctif, L. 6323-13, R. 6323-3): the fixed sum an employer of
         * 50 or more owes an employee who did not have the required professional reviews; the holder's to keep.
         */
        EMPLOYER_CORRECTIVE,
        /** Opérateur de compétences (formerly OPCA). */
        OPCO,
        /** L'État. */
        STATE,
        /** Conseil régional. */
        REGION,
        /** France Travail (formerly Pôle emploi). */
        FRANCE_TRAVAIL,
        AGEFIPH,
        /** Fonds d'assurance formation des non-salariés. */
        NON_SALARIED_FUND,
        /** Chambre de métiers et de l'artisanat. */
        CHAMBER_OF_TRADES,
        /** Commune. */
        MUNICIPALITY,
        OTHER
    }

    /**
     * The funder, as its token names it: the client that acts, the organisation that owns the top-up (its SIRET for
     * an employer), the SIRET for an employer (null otherwise), and its type and name from the client's configuration.
     */
    public record Funder(String clientId, String organisation, String siret, FunderType type, String name) {
    }

    /**
     * What a funder may set on its top-up (décret 2025-341).
     *
     * @param lapsesOn the last day the top-up can be used, or null: after it, its unused part lapses
     * @param returnsUnused whether what is left unused (at the application's end, or when it lapses) goes back to
     *        the funder; when false it stays on the holder's CPF as their own rights
     */
    public record Conditions(LocalDate lapsesOn, boolean returnsUnused) {

        public static final Conditions DEFAULT = new Conditions(null, true);
    }

    /**
     * A top-up as its funder reads it back: never the person. Amounts in euro cents; {@code kept} is what was left
     * to the holder.
     */
    public record TopUpView(UUID id, FunderType funderType, String funderName, long amount, String purpose,
            UUID applicationId, LocalDate lapsesOn, boolean returnsUnused, long used, long returned, long kept,
            Instant createdAt) {
    }

    /** What lapsing did: the top-ups that lapsed, what went back to funders and what was left to holders. */
    public record Lapses(int topUps, long returned, long kept) {
    }

    /**
     * Why a top-up cannot be made now, as the funder may know it: a closed account (a death) and one still counting
     * hours give the same answer, since a funder learns nothing of a person's accounts.
     */
    public enum Refusal {
        CPF_NOT_OPEN_TO_TOP_UPS("The person's CPF cannot take a top-up now."),
        APPLICATION_SETTLED("This application is already completed or cancelled: it can no longer be topped up.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }
    }

    /** What a dry run answers: whether the top-up would be accepted and, if not, why (both null when accepted). */
    public record TopUpCheck(boolean accepted, Refusal refusal, String reason) {

        static TopUpCheck of(Refusal refusal) {
            return new TopUpCheck(refusal == null, refusal, refusal == null ? null : refusal.message);
        }
    }

    /** What the end of an application did with top-ups: spent on it, and returned to their funders. */
    public record Settlement(long spent, long returned) {
    }

    private final DataSource dataSource;
    private final PersonKeys personKeys;
    private final Accounts accounts;
    private final Journal journal;
    private final Outbox outbox;
    private final Clock clock;
    private final int firstEuroYear;
    private final RuleBook rules;

    TopUps(DataSource dataSource, PersonKeys personKeys, Accounts accounts, Journal journal, Outbox outbox,
            Clock clock) {
        this.dataSource = dataSource;
        this.personKeys = personKeys;
        this.accounts = accounts;
        this.journal = journal;
        this.outbox = outbox;
        this.clock = clock;
        LedgerRuleBooks books = LedgerRuleBooks.load();
        this.firstEuroYear = new CpfConversion(books).conversionDate(HoursConversion.Kind.CPF_HOURS).getYear();
        this.rules = books.topUps();
    }

    /** The corrective top-up's amount in force on the date (€3,000 since 2019, R. 6323-3). */
    public RuleBook.DatedValue correctiveAmount(LocalDate date) {
        return rules.at("corrective-top-up-amount", date);
    }

    /** The top-up's id: derived from the funder and its request's Idempotency-Key, so a retry finds it. */
    public static UUID idFor(String funderClientId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("top-up/" + funderClientId + "/" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the top-up would be accepted, writing nothing. */
    @Transactional
    public TopUpCheck check(Funder funder, Nir nir, UUID applicationId) {
        String personKey = personKeys.of(nir);
        checkMayFund(funder, personKey);
        try (Connection connection = dataSource.getConnection()) {
            // An absent account would be opened empty, in hours, and switched to euros.
            Cpf cpf = cpf(connection, personKey, false).orElse(new Cpf(null, Unit.MINUTES, 0, 0, false));
            return TopUpCheck.of(refusal(connection, personKey, cpf, applicationId));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an account", e);
        }
    }

    /**
     * Credits the person's CPF with the top-up (a TOP_UP entry, {@code topped_up} and, for an application,
     * {@code earmarked} raised in the same transaction), opening the accounts if need be; a top-up for an application
     * is announced as {@code ApplicationToppedUp} through the outbox, in the same transaction. Making the same top-up
     * again answers the first.
     */
    @Transactional
    public TopUpView topUp(UUID id, Funder funder, Nir nir, long amount, String purpose, UUID applicationId,
            Conditions conditions) {
        String personKey = personKeys.of(nir);
        checkMayFund(funder, personKey);
        Optional<TopUpView> done = find(funder.organisation(), id);
        if (done.isPresent()) {
            return done.get();
        }
        LocalDate today = LocalDate.now(clock);
        String explanation = "Abondement de " + Unit.EURO_CENTS.format(amount) + " par " + funder.name() + " : "
                + purpose;
        if (funder.type() == FunderType.EMPLOYER_CORRECTIVE) {
            explanation = corrective(amount, applicationId, conditions, funder, today);
            conditions = new Conditions(null, false);
        } else if (!conditions.equals(Conditions.DEFAULT)) {
            RuleBook.Parameter allowed = rules.parameter("earmarked-top-up-conditions");
            if (allowed.at(today).map(flag -> flag.value() == 0).orElse(true)) {
                throw new ProblemException(ProblemType.VALIDATION, "The top-up is invalid.", List.of(new FieldError(
                        "lapsesOn", "a top-up takes conditions only from décret 2025-341 (April 2025)")));
            }
            if (conditions.lapsesOn() != null && !conditions.lapsesOn().isAfter(today)) {
                throw new ProblemException(ProblemType.VALIDATION, "The top-up is invalid.",
                        List.of(new FieldError("lapsesOn", "must be after today")));
            }
        }
        accounts.open(personKey);
        try (Connection connection = dataSource.getConnection()) {
            Cpf cpf = cpf(connection, personKey, true).orElseThrow();
            Refusal refusal = refusal(connection, personKey, cpf, applicationId);
            if (refusal != null) {
                throw new ProblemException(ProblemType.CONFLICT, refusal.message);
            }
            if (cpf.unit() == Unit.MINUTES) {
                accounts.switchToEuros(List.of(cpf.id()));
            }
            insert(connection, id, cpf.id(), funder, amount, purpose, applicationId, conditions);
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("topUpId", id);
            inputs.put("funderType", funder.type());
            inputs.put("funderName", funder.name());
            inputs.put("purpose", purpose);
            if (applicationId != null) {
                inputs.put("applicationId", applicationId);
            }
            if (conditions.lapsesOn() != null) {
                inputs.put("lapsesOn", conditions.lapsesOn().toString());
            }
            inputs.put("returnsUnused", conditions.returnsUnused());
            journal.append(NewEntry.of(entryId(id, "credit"), cpf.id(), EntryKind.TOP_UP, amount, Unit.EURO_CENTS,
                    today, null, null, explanation, inputs));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account SET topped_up = topped_up + ?, earmarked = earmarked + ? WHERE id = ?")) {
                update.setLong(1, amount);
                update.setLong(2, applicationId == null ? 0 : amount);
                update.setObject(3, cpf.id());
                update.executeUpdate();
            }
            if (applicationId != null) {
                // The enrolment service answers the funder's request and updates the application's plan.
                outbox.append(Topics.LEDGER_ACCOUNTS, new ApplicationToppedUp(personKey, applicationId, id,
                        funder.clientId(), funder.siret(), funder.type().name(), funder.name(), amount));
            }
            return find(connection, funder.organisation(), id).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a top-up", e);
        }
    }

    /**
     * The corrective top-up's explanation, once its terms are checked: the amount in force, no application, no
     * conditions (the sum is the holder's).
     */
    private String corrective(long amount, UUID applicationId, Conditions conditions, Funder funder, LocalDate today) {
        RuleBook.DatedValue due = correctiveAmount(today);
        List<FieldError> errors = new ArrayList<>();
        if (amount != due.value()) {
            errors.add(new FieldError("amount", "a corrective top-up is " + Unit.EURO_CENTS.format(due.value())
                    + " (" + due.law() + ")"));
        }
        if (applicationId != null) {
            errors.add(new FieldError("applicationId", "a corrective top-up is for no application: it is the holder's"));
        }
        if (!conditions.equals(Conditions.DEFAULT)) {
            errors.add(new FieldError("lapsesOn", "a corrective top-up takes no condition: it is the holder's"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The corrective top-up is invalid.", errors);
        }
        RuleBook.DatedValue cycle = rules.at("corrective-top-up-review-cycle-years", today);
        return "Abondement correctif de " + Unit.EURO_CENTS.format(amount) + " par " + funder.name()
                + " : entretiens professionnels non tenus sur " + cycle.value() + " ans (" + due.law() + " ; "
                + cycle.law() + ")";
    }

    /** The top-up if a client of this organisation made it; another organisation's is not found. */
    public Optional<TopUpView> find(String organisation, UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, organisation, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a top-up", e);
        }
    }

    /** The part of the application's top-ups on the account that no reservation of it covers yet. */
    @Transactional(TxType.MANDATORY)
    public long earmarkedFor(UUID applicationId, UUID accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT coalesce(sum(amount - used - returned - kept - held), 0) FROM top_up
                        WHERE application_id = ? AND account_id = ?""")) {
            select.setObject(1, applicationId);
            select.setObject(2, accountId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read top-ups", e);
        }
    }

    /**
     * Notes that the application's reservation now covers {@code amount} of its top-ups (oldest first); the account's
     * {@code earmarked} was lowered by the reservation itself.
     */
    @Transactional(TxType.MANDATORY)
    public void markHeld(UUID applicationId, UUID accountId, long amount) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE top_up SET held = held + ? WHERE id = ?")) {
            long left = amount;
            for (Open open : open(connection, applicationId, accountId)) {
                long part = Math.min(left, open.remaining() - open.held());
                if (part > 0) {
                    update.setLong(1, part);
                    update.setObject(2, open.id());
                    update.executeUpdate();
                    left -= part;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update top-ups", e);
        }
    }

    /**
     * The end of an application whose CPF part cost {@code cpfSpent} (already debited): its top-ups pay first, oldest
     * first; what is left of them goes back to each funder (a TOP_UP_RETURN entry), or stays with the holder when the
     * funder chose so. Then, if the holder's own rights did not cover the rest, top-ups naming no application paid it:
     * they are marked used, so that {@code topped_up} never exceeds the balance. This is the order of use: the
     * application's earmarked top-ups, the holder's own rights, then other top-ups.
     */
    @Transactional(TxType.MANDATORY)
    public Settlement settle(UUID applicationId, UUID accountId, long cpfSpent, String why) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE top_up SET used = used + ?, returned = returned + ?, kept = kept + ?, held = 0
                        WHERE id = ?""")) {
            long toPay = cpfSpent;
            long spent = 0;
            long returned = 0;
            long kept = 0;
            long unearmarked = 0;
            for (Open open : open(connection, applicationId, accountId)) {
                long used = Math.min(toPay, open.remaining());
                long back = open.returnsUnused() ? open.remaining() - used : 0;
                long left = open.remaining() - used - back;
                toPay -= used;
                spent += used;
                returned += back;
                kept += left;
                unearmarked += open.remaining() - open.held();
                update.setLong(1, used);
                update.setLong(2, back);
                update.setLong(3, left);
                update.setObject(4, open.id());
                update.executeUpdate();
                if (back > 0) {
                    journal.append(NewEntry.of(entryId(open.id(), "return"), accountId, EntryKind.TOP_UP_RETURN,
                            -back, Unit.EURO_CENTS, LocalDate.now(clock), null, null, "Abondement non utilisé de "
                                    + Unit.EURO_CENTS.format(back) + " rendu à " + open.funderName() + " (" + why + ")",
                            Map.of("topUpId", open.id(), "applicationId", applicationId, "used", used)));
                }
            }
            long excess;
            try (PreparedStatement account = connection.prepareStatement("""
                    UPDATE account SET topped_up = topped_up - ?, earmarked = earmarked - ? WHERE id = ?
                    RETURNING topped_up - balance""")) {
                account.setLong(1, spent + returned + kept);
                account.setLong(2, unearmarked);
                account.setObject(3, accountId);
                try (ResultSet row = account.executeQuery()) {
                    row.next();
                    excess = row.getLong(1);
                }
            }
            return new Settlement(spent + (excess > 0 ? spendUntied(connection, accountId, excess) : 0), returned);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not settle top-ups", e);
        }
    }

    /** Lapses what is due, every hour by default and on each start. */
    @Scheduled(identity = "top-up-lapses", every = "${cpa.ledger.top-up-lapses.every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void lapseDue() {
        Lapses done = lapse(LocalDate.now(clock));
        if (done.topUps() > 0) {
            LOG.infof("Top-ups lapsed: %d, %d cents returned to funders, %d left to holders", done.topUps(),
                    done.returned(), done.kept());
        }
    }

    /**
     * Lapses the top-ups whose last day is before {@code today}: the part no reservation holds goes back to its funder
     * (a TOP_UP_RETURN entry) or stays with the holder, as the funder chose. A top-up tied to no application gives
     * back only what the holder has not committed elsewhere (the available balance less earmarks); the rest lapses on
     * a later run. Each top-up in a transaction of its own, its account locked first, so a retry applies nothing twice.
     */
    public Lapses lapse(LocalDate today) {
        List<UUID> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT id FROM top_up WHERE lapses_on < ? AND used + returned + kept + held < amount
                        ORDER BY lapses_on, id""")) {
            select.setObject(1, today);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the top-ups due to lapse", e);
        }
        int lapsed = 0;
        long returned = 0;
        long kept = 0;
        for (UUID id : due) {
            Lapsed done = QuarkusTransaction.requiringNew().call(() -> lapseOne(id, today));
            if (done.returned() + done.kept() > 0) {
                lapsed++;
                returned += done.returned();
                kept += done.kept();
            }
        }
        return new Lapses(lapsed, returned, kept);
    }

    /** What one top-up's lapse gave back to its funder and left to the holder, in cents. */
    private record Lapsed(long returned, long kept) {

        static final Lapsed NOTHING = new Lapsed(0, 0);
    }

    private Lapsed lapseOne(UUID id, LocalDate today) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("""
                        SELECT a.id, a.balance - a.pending - a.earmarked FROM account a
                        JOIN top_up t ON t.account_id = a.id WHERE t.id = ? FOR UPDATE OF a""");
                PreparedStatement select = connection.prepareStatement("""
                        SELECT amount - used - returned - kept - held, application_id IS NOT NULL, returns_unused,
                            funder_name, lapses_on, returned
                        FROM top_up WHERE id = ? AND lapses_on < ? FOR UPDATE""")) {
            lock.setObject(1, id);
            UUID account;
            long free;
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                account = row.getObject(1, UUID.class);
                free = row.getLong(2);
            }
            select.setObject(1, id);
            select.setObject(2, today);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Lapsed.NOTHING;
                }
                long unheld = row.getLong(1);
                boolean tied = row.getBoolean(2);
                boolean returns = row.getBoolean(3);
                // A tied top-up's unheld part is earmarked, out of every reservation's reach; an untied one may have
                // been committed by the holder's own reservations: only the free part goes.
                long part = tied ? unheld : Math.min(unheld, Math.max(0, free));
                if (part <= 0) {
                    return Lapsed.NOTHING;
                }
                try (PreparedStatement topUp = connection.prepareStatement(returns
                        ? "UPDATE top_up SET returned = returned + ? WHERE id = ?"
                        : "UPDATE top_up SET kept = kept + ? WHERE id = ?");
                        PreparedStatement update = connection.prepareStatement(
                                "UPDATE account SET topped_up = topped_up - ?, earmarked = earmarked - ? WHERE id = ?")) {
                    topUp.setLong(1, part);
                    topUp.setObject(2, id);
                    topUp.executeUpdate();
                    update.setLong(1, part);
                    update.setLong(2, tied ? part : 0);
                    update.setObject(3, account);
                    update.executeUpdate();
                }
                if (returns) {
                    // Named by what was returned before: a later lapse of the rest gets an entry of its own.
                    journal.append(NewEntry.of(entryId(id, "lapse/" + row.getLong(6)), account, EntryKind.TOP_UP_RETURN, -part,
                            Unit.EURO_CENTS, today, null, null, "Abondement arrivé à échéance le "
                                    + FrenchFormat.date(row.getObject(5, LocalDate.class)) + " : "
                                    + Unit.EURO_CENTS.format(part) + " non utilisés rendus à " + row.getString(4),
                            Map.of("topUpId", id, "lapsed", part)));
                }
                return returns ? new Lapsed(part, 0) : new Lapsed(0, part);
            }
        }
    }

    /** Marks up to {@code amount} of the account's top-ups naming no application as used, oldest first. */
    private static long spendUntied(Connection connection, UUID accountId, long amount) throws SQLException {
        long left = amount;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, amount - used - returned - kept FROM top_up
                WHERE account_id = ? AND application_id IS NULL AND used + returned + kept < amount
                ORDER BY created_at, id FOR UPDATE""");
                PreparedStatement update = connection.prepareStatement("UPDATE top_up SET used = used + ? WHERE id = ?")) {
            select.setObject(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next() && left > 0) {
                    long part = Math.min(left, rows.getLong(2));
                    update.setLong(1, part);
                    update.setObject(2, rows.getObject(1, UUID.class));
                    update.executeUpdate();
                    left -= part;
                }
            }
        }
        long spent = amount - left;
        try (PreparedStatement account = connection.prepareStatement(
                "UPDATE account SET topped_up = topped_up - ? WHERE id = ?")) {
            account.setLong(1, spent);
            account.setObject(2, accountId);
            account.executeUpdate();
        }
        return spent;
    }

    /** An employer tops up only a person it declared; not finding one says nothing about whether the person exists. */
    private void checkMayFund(Funder funder, String personKey) {
        if (funder.siret() == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM declaration WHERE siret = ? AND person_key = ? LIMIT 1")) {
            select.setString(1, funder.siret());
            select.setString(2, personKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "None of your declarations names this person.");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read declarations", e);
        }
    }

    /** The CPF as a top-up sees it; {@code closed} after a death. */
    private record Cpf(UUID id, Unit unit, long balance, long pending, boolean closed) {
    }

    private static Optional<Cpf> cpf(Connection connection, String personKey, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, unit, balance, pending, closed_on IS NOT NULL FROM account
                WHERE person_key = ? AND kind = 'CPF'""" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, personKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Cpf(row.getObject(1, UUID.class), Unit.valueOf(row.getString(2)),
                        row.getLong(3), row.getLong(4), row.getBoolean(5))) : Optional.empty();
            }
        }
    }

    /** Why the top-up cannot be made now; null when it can. */
    private Refusal refusal(Connection connection, String personKey, Cpf cpf, UUID applicationId)
            throws SQLException {
        // Closed after a death; or in hours: an empty account in hours only changes unit, as the conversion does,
        // but hours, or declared years still to accrue in hours, wait for the accrual's conversion.
        if (cpf.closed() || cpf.unit() == Unit.MINUTES && (cpf.balance() != 0 || cpf.pending() != 0
                || hoursDeclared(connection, personKey))) {
            return Refusal.CPF_NOT_OPEN_TO_TOP_UPS;
        }
        if (applicationId != null && settled(connection, applicationId)) {
            return Refusal.APPLICATION_SETTLED;
        }
        return null;
    }

    private boolean hoursDeclared(Connection connection, String personKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM declaration WHERE person_key = ? AND year < ? LIMIT 1")) {
            select.setString(1, personKey);
            select.setInt(2, firstEuroYear);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Whether the application's reservations were already posted or voided. */
    private static boolean settled(Connection connection, UUID applicationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM funds_reservation WHERE id IN (?, ?) AND status <> 'PENDING' LIMIT 1")) {
            select.setObject(1, Reservations.forApplication(applicationId, AccountKind.CPF));
            select.setObject(2, Reservations.forApplication(applicationId, AccountKind.CEC));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void insert(Connection connection, UUID id, UUID accountId, Funder funder, long amount,
            String purpose, UUID applicationId, Conditions conditions) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO top_up (id, account_id, funder_client_id, funder_organisation, funder_type, funder_name,
                    amount, purpose, application_id, lapses_on, returns_unused)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, accountId);
            insert.setString(3, funder.clientId());
            insert.setString(4, funder.organisation());
            insert.setString(5, funder.type().name());
            insert.setString(6, funder.name());
            insert.setLong(7, amount);
            insert.setString(8, purpose);
            insert.setObject(9, applicationId);
            insert.setObject(10, conditions.lapsesOn());
            insert.setBoolean(11, conditions.returnsUnused());
            insert.executeUpdate();
        }
    }

    /**
     * A top-up of an application not yet spent, returned nor kept, locked: {@code remaining} = amount − used −
     * returned − kept.
     */
    private record Open(UUID id, long remaining, long held, String funderName, boolean returnsUnused) {
    }

    private static List<Open> open(Connection connection, UUID applicationId, UUID accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, amount - used - returned - kept, held, funder_name, returns_unused FROM top_up
                WHERE application_id = ? AND account_id = ? AND used + returned + kept < amount
                ORDER BY created_at, id FOR UPDATE""")) {
            select.setObject(1, applicationId);
            select.setObject(2, accountId);
            List<Open> open = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    open.add(new Open(rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3),
                            rows.getString(4), rows.getBoolean(5)));
                }
            }
            return open;
        }
    }

    private static Optional<TopUpView> find(Connection connection, String organisation, UUID id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT funder_type, funder_name, amount, purpose, application_id, used, returned, created_at,
                    lapses_on, returns_unused, kept
                FROM top_up WHERE id = ? AND funder_organisation = ?""")) {
            select.setObject(1, id);
            select.setString(2, organisation);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new TopUpView(id, FunderType.valueOf(row.getString(1)),
                        row.getString(2), row.getLong(3), row.getString(4), row.getObject(5, UUID.class),
                        row.getObject(9, LocalDate.class), row.getBoolean(10), row.getLong(6), row.getLong(7),
                        row.getLong(11), row.getTimestamp(8).toInstant())) : Optional.empty();
            }
        }
    }

    private static UUID entryId(UUID topUpId, String step) {
        return UUID.nameUUIDFromBytes((topUpId + "/" + step).getBytes(StandardCharsets.UTF_8));
    }
}
