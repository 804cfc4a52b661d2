package fr.cpa.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.ledger.domain.rules.CppOtherUses;
import fr.cpa.ledger.domain.rules.CppRules;
import fr.cpa.ledger.domain.rules.CppToCpfConversion;
import fr.cpa.ledger.domain.rules.LedgerRuleBooks;
import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * CPP points used for training, credited to the CPF at the dated value of a point: a linked pair of entries written
 * in one transaction, points out of the CPP and the amount into the CPF. The ids derive from the holder and the
 * request's idempotency key, so a retried request finds the pair it wrote.
 */
@ApplicationScoped
public class CppConversions {

    public static final ProblemType INSUFFICIENT_POINTS = ProblemType.of("insufficient-points", 422,
            "Not enough CPP points available for this conversion.");

    /**
     * A conversion done.
     *
     * @param amount credited to the CPF, in {@code unit}
     * @param reservedRemaining points reserved for training still to be used after this conversion
     */
    public record Conversion(long points, long amount, String unit, long pointValue, LocalDate pointValueFrom,
            String pointValueSource, long reservedForTraining, long reservedRemaining, UUID cppEntryId,
            UUID cpfEntryId, LocalDate date, String explanation) {
    }

    private static final String RULE = "cpp.training";

    private final DataSource dataSource;
    private final HolderAccounts holderAccounts;
    private final Journal journal;
    private final CppRules cppRules;

    CppConversions(DataSource dataSource, HolderAccounts holderAccounts, Journal journal) {
        this.dataSource = dataSource;
        this.holderAccounts = holderAccounts;
        this.journal = journal;
        this.cppRules = new CppRules(LedgerRuleBooks.load());
    }

    /** Converts points for training; 422 when the available points do not cover it. */
    @Transactional
    public Conversion toCpf(UUID holderId, long points, String idempotencyKey, LocalDate today) {
        // Locked in name order (CPF before CPP), the same for every writer, so two writers cannot deadlock.
        HolderAccounts.Locked cpf = holderAccounts.lock(holderId, AccountKind.CPF);
        HolderAccounts.Locked cpp = holderAccounts.lock(holderId, AccountKind.CPP);
        if (cpp.birthDate() == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "Your birth date is not known yet: the points reserved for training depend on it.");
        }
        if (points > cpp.available()) {
            throw new ProblemException(INSUFFICIENT_POINTS, "You have " + Unit.POINTS.format(cpp.available())
                    + " available on your CPP.");
        }
        CppToCpfConversion conversion = cppRules.convertToCpf(points, cpp.available(), pointsUsedForTraining(cpp.id()),
                cpp.birthDate(), today);
        cpf = holderAccounts.inUnit(cpf, conversion.unitIn());

        String cause = holderId + "/cpp-conversion/" + idempotencyKey;
        UUID out = UUID.nameUUIDFromBytes((cause + "/out").getBytes(StandardCharsets.UTF_8));
        UUID in = UUID.nameUUIDFromBytes((cause + "/in").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("points", points);
        inputs.put("pointValue", conversion.pointValue().value());
        inputs.put("pointValueParameter", conversion.pointValue().parameter());
        inputs.put("pointValueFrom", conversion.pointValue().from().toString());
        inputs.put("pointValueSource", conversion.pointValue().source());
        inputs.put("reservedForTraining", conversion.reservedForTraining().value());
        inputs.put("reservedSource", conversion.reservedForTraining().source());
        inputs.put("reservedRemainingAfter", conversion.reservedRemainingAfter());
        journal.append(new NewEntry(out, cpp.id(), EntryKind.CPP_CONVERSION, -points, 0, Unit.POINTS, today, RULE,
                null, conversion.explanation(), inputs, null, in));
        journal.append(new NewEntry(in, cpf.id(), EntryKind.CPP_CONVERSION, conversion.amountIn(), 0,
                conversion.unitIn(), today, RULE, null, conversion.explanation(), inputs, null, out));
        return new Conversion(points, conversion.amountIn(), conversion.unitIn().name(),
                conversion.pointValue().value(), conversion.pointValue().from(), conversion.pointValue().source(),
                conversion.reservedForTraining().value(), conversion.reservedRemainingAfter(), out, in, today,
                conversion.explanation());
    }

    /**
     * What the holder's points could buy today in part-time work, early retirement or a reconversion project: the
     * available points less those still reserved for training.
     */
    @Transactional
    public CppOtherUses otherUses(UUID holderId, LocalDate today) {
        HolderAccounts.Locked cpp = holderAccounts.lock(holderId, AccountKind.CPP);
        long points = cpp.birthDate() == null ? 0
                : cppRules.pointsAvailableForOtherUses(cpp.available(), pointsUsedForTraining(cpp.id()),
                        cpp.birthDate());
        return cppRules.otherUses(points, today);
    }

    /** Points of the career already converted for training: they count toward the points reserved for it. */
    private long pointsUsedForTraining(UUID cpp) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT coalesce(-sum(amount), 0) FROM account_entry WHERE account_id = ? AND kind = 'CPP_CONVERSION'")) {
            select.setObject(1, cpp);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the CPP conversions", e);
        }
    }
}
