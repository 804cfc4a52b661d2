package fr.cpa.ledger.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.ledger.domain.rules.Amounts;
import fr.cpa.ledger.domain.rules.CpfConversion;
import fr.cpa.ledger.domain.rules.HoursConversion;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.rules.RuleBook;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The former DIF hours a holder enters on their CPF (seeds 001, 003): while entering them is open (rules/dif.json), up to
 * its maximum, converted at the dated DIF rate once the CPF is in euros. The figure can be changed until the hours are
 * first used: a change is a correction entry of the difference, and entering the same figure again changes nothing.
 *
 * <p>"Used" means committed to a training application: a reservation made on the CPF after the DIF was first entered
 * that is still open or was paid. A reservation voided since (application refused or cancelled) did not use it.
 */
@ApplicationScoped
public class Difs {

    public static final ProblemType DIF_PERIOD_OVER = ProblemType.of("dif-period-over", 422,
            "The DIF can no longer be entered: its period of entry is over.");
    public static final ProblemType DIF_USED = ProblemType.of("dif-used", 409,
            "The DIF hours were already used in a training application: they can no longer be changed.");

    /** The employer's statement of the DIF hours; the type is read from the file's bytes. */
    public record Justification(byte[] content, String type, String name) {

        @Override
        public String toString() {
            return "Justification[" + type + ", " + content.length + " bytes]";
        }
    }

    /**
     * What the holder entered and what it is worth on the CPF now.
     *
     * @param hours as entered, up to two decimals
     * @param minutes the hours counted, rounded half up to the minute
     * @param value what the DIF puts on the CPF, in {@code unit}
     */
    public record DifView(BigDecimal hours, long minutes, long value, String unit, int revision, Instant firstEnteredAt,
            Instant updatedAt, String justificationType, String justificationName, long justificationSize,
            boolean used, String explanation) {
    }

    private static final String RULE = "dif";
    private static final int HUNDREDTHS = 2;

    private final DataSource dataSource;
    private final HolderAccounts holderAccounts;
    private final Journal journal;
    private final CpfConversion conversion;

    Difs(DataSource dataSource, HolderAccounts holderAccounts, Journal journal) {
        this.dataSource = dataSource;
        this.holderAccounts = holderAccounts;
        this.journal = journal;
        this.conversion = new CpfConversion(LedgerRuleBooks.load());
    }

    /** Enters or replaces the holder's DIF; the answer says what the CPF now holds for it. */
    @Transactional
    public DifView enter(UUID holderId, BigDecimal hours, Justification justification, LocalDate today) {
        if (!conversion.difEntryOpenOn(today)) {
            String detail = conversion.difEntryClosedOn(today)
                    .map(closed -> "DIF hours could be entered until " + Amounts.date(closed.from().minusDays(1))
                            + " (" + closed.law() + "); they can no longer be entered. Hours entered by then stay on "
                            + "the CPF and can be used without a deadline.")
                    .orElse("DIF hours cannot be entered on this date.");
            throw new ProblemException(DIF_PERIOD_OVER, detail);
        }
        RuleBook.DatedValue maximum = conversion.difMaximum(today);
        // hours ≤ maximum, compared exactly (hours × 60 ≤ maximum minutes) before any figure is made a long, which
        // far too many hours would overflow.
        if (hours.multiply(BigDecimal.valueOf(60)).compareTo(BigDecimal.valueOf(maximum.value())) > 0) {
            throw new ProblemException(ProblemType.VALIDATION, "Too many DIF hours.", List.of(new FieldError("hours",
                    "must not exceed " + Unit.MINUTES.format(maximum.value()) + ", the DIF's maximum")));
        }
        long hundredths = hours.movePointRight(HUNDREDTHS).longValueExact();
        long minutes = hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact();

        HolderAccounts.Locked cpf = holderAccounts.lock(holderId, AccountKind.CPF);
        Optional<Stored> before = stored(cpf.id());
        if (before.isPresent() && used(cpf.id())) {
            throw new ProblemException(DIF_USED);
        }
        Unit unit = today.isBefore(conversion.conversionDate(HoursConversion.Kind.DIF_HOURS)) ? Unit.MINUTES
                : Unit.EURO_CENTS;
        long previousMinutes = before.map(Stored::minutes).orElse(0L);
        long difference = value(minutes, unit) - value(previousMinutes, unit);
        int revision = before.map(b -> difference == 0 ? b.revision() : b.revision() + 1).orElse(1);
        if (difference != 0) {
            cpf = holderAccounts.inUnit(cpf, unit);
            post(cpf, before.isEmpty(), hours, minutes, previousMinutes, difference, unit, revision, today);
        }
        save(cpf.id(), hundredths, minutes, revision, justification, before.isEmpty());
        return find(holderId).orElseThrow();
    }

    /** What the holder entered, if anything. */
    @Transactional
    public Optional<DifView> find(UUID holderId) {
        return cpfOf(holderId).flatMap(cpf -> stored(cpf.id()).map(s -> {
            Unit unit = Unit.valueOf(cpf.unit());
            long value = value(s.minutes(), unit);
            String explanation = unit == Unit.MINUTES ? Unit.MINUTES.format(s.minutes()) + " de DIF sur le CPF"
                    : conversion.convert(HoursConversion.Kind.DIF_HOURS, s.minutes()).explanation();
            return new DifView(BigDecimal.valueOf(s.hundredths(), HUNDREDTHS), s.minutes(), value, unit.name(),
                    s.revision(), s.firstEnteredAt(), s.updatedAt(), s.type(), s.name(), s.size(), used(cpf.id()),
                    explanation);
        }));
    }

    /** The justification file, if a DIF was entered. */
    @Transactional
    public Optional<Justification> justification(UUID holderId) {
        return cpfOf(holderId).flatMap(cpf -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT justification, justification_type, justification_name FROM dif_entry "
                                    + "WHERE account_id = ?")) {
                select.setObject(1, cpf.id());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Justification(row.getBytes(1), row.getString(2),
                            row.getString(3))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read a DIF justification", e);
            }
        });
    }

    /** The DIF's worth in the CPF's unit: hours before the conversion date, euros at the dated DIF rate after. */
    private long value(long minutes, Unit unit) {
        return unit == Unit.MINUTES ? minutes : conversion.convert(HoursConversion.Kind.DIF_HOURS, minutes).centsIn();
    }

    private void post(HolderAccounts.Locked cpf, boolean first, BigDecimal hours, long minutes, long previousMinutes,
            long difference, Unit unit, int revision, LocalDate today) {
        String worth = unit == Unit.MINUTES ? Unit.MINUTES.format(minutes) + " de DIF"
                : conversion.convert(HoursConversion.Kind.DIF_HOURS, minutes).explanation();
        String explanation = first ? "DIF saisi par le titulaire : " + worth
                : "DIF corrigé par le titulaire de " + Unit.MINUTES.format(previousMinutes) + " à "
                        + Unit.MINUTES.format(minutes) + ", " + unit.format(Math.abs(difference))
                        + (difference > 0 ? " en plus" : " en moins") + " : " + worth;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("hoursEntered", hours.toPlainString());
        inputs.put("minutes", minutes);
        inputs.put("previousMinutes", previousMinutes);
        if (unit == Unit.EURO_CENTS) {
            RuleBook.DatedValue rate = conversion.convert(HoursConversion.Kind.DIF_HOURS, minutes).rate();
            inputs.put("rate", rate.value());
            inputs.put("rateFrom", rate.from().toString());
            inputs.put("rateSource", rate.source());
        }
        UUID id = UUID.nameUUIDFromBytes((cpf.id() + "/dif/" + revision + "/" + minutes).getBytes(StandardCharsets.UTF_8));
        try {
            journal.append(NewEntry.of(id, cpf.id(), first ? EntryKind.DIF_ENTRY : EntryKind.CORRECTION, difference,
                    unit, today, RULE, null, explanation, inputs));
        } catch (InsufficientFundsException e) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Lowering the DIF would take more than the CPF's available balance.");
        }
    }

    /** Whether a reservation made since the DIF was first entered is open or was paid. */
    private boolean used(UUID cpf) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT EXISTS (SELECT 1 FROM funds_reservation r JOIN dif_entry d ON d.account_id = r.account_id
                            WHERE r.account_id = ? AND r.created_at > d.first_entered_at
                            AND r.status IN ('PENDING', 'POSTED'))""")) {
            select.setObject(1, cpf);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the DIF's use", e);
        }
    }

    private record Stored(long hundredths, long minutes, int revision, Instant firstEnteredAt, Instant updatedAt,
            String type, String name, long size) {
    }

    private Optional<Stored> stored(UUID cpf) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT hundredths_of_hour, minutes, revision, first_entered_at, updated_at, justification_type,
                            justification_name, octet_length(justification)
                        FROM dif_entry WHERE account_id = ?""")) {
            select.setObject(1, cpf);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Stored(row.getLong(1), row.getLong(2), row.getInt(3),
                        row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), row.getString(6),
                        row.getString(7), row.getLong(8))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a DIF", e);
        }
    }

    private void save(UUID cpf, long hundredths, long minutes, int revision, Justification file, boolean first) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(first ? """
                        INSERT INTO dif_entry (hundredths_of_hour, minutes, revision, justification, justification_type,
                            justification_name, account_id) VALUES (?, ?, ?, ?, ?, ?, ?)""" : """
                        UPDATE dif_entry SET hundredths_of_hour = ?, minutes = ?, revision = ?, justification = ?,
                            justification_type = ?, justification_name = ?, updated_at = now()
                        WHERE account_id = ?""")) {
            upsert.setLong(1, hundredths);
            upsert.setLong(2, minutes);
            upsert.setInt(3, revision);
            upsert.setBytes(4, file.content());
            upsert.setString(5, file.type());
            upsert.setString(6, file.name());
            upsert.setObject(7, cpf);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save a DIF", e);
        }
    }

    private record Cpf(UUID id, String unit) {
    }

    private Optional<Cpf> cpfOf(UUID holderId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, unit FROM account WHERE holder_id = ? AND kind = 'CPF'")) {
            select.setObject(1, holderId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Cpf(row.getObject(1, UUID.class), row.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a CPF", e);
        }
    }
}
