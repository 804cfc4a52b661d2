package fr.cpa.ledger.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.ledger.domain.rules.Unit;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** A holder's account locked for a write of theirs (DIF, CPP conversion), so concurrent writes take turns. */
@ApplicationScoped
public class HolderAccounts {

    public record Locked(UUID id, String personKey, AccountKind kind, Unit unit, long balance, long pending,
            LocalDate birthDate, LocalDate closedOn) {

        public long available() {
            return balance - pending;
        }
    }

    private final DataSource dataSource;

    HolderAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The holder's account of that kind, locked until the transaction ends; 404 before registration, 409 closed. */
    @Transactional(TxType.MANDATORY)
    public Locked lock(UUID holderId, AccountKind kind) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT id, person_key, unit, balance, pending, birth_date, closed_on FROM account
                        WHERE holder_id = ? AND kind = ? FOR UPDATE""")) {
            select.setObject(1, holderId);
            select.setString(2, kind.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ProblemException(ProblemType.NOT_FOUND,
                            "No accounts yet: they appear once the registration is validated.");
                }
                Locked locked = new Locked(row.getObject(1, UUID.class), row.getString(2), kind,
                        Unit.valueOf(row.getString(3)), row.getLong(4), row.getLong(5),
                        row.getObject(6, LocalDate.class), row.getObject(7, LocalDate.class));
                if (locked.closedOn() != null) {
                    throw new ProblemException(ProblemType.CONFLICT, "This account is closed.");
                }
                return locked;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock an account", e);
        }
    }

    /**
     * The CPF ready to take an amount in {@code unit}. A CPF still in hours with nothing on it simply becomes a euro
     * account (as the accrual does); one holding hours waits for the accrual's conversion entry, which values them.
     */
    @Transactional(TxType.MANDATORY)
    public Locked inUnit(Locked cpf, Unit unit) {
        if (cpf.unit() == unit) {
            return cpf;
        }
        if (cpf.unit() != Unit.MINUTES || unit != Unit.EURO_CENTS || cpf.balance() != 0 || cpf.pending() != 0) {
            throw new ProblemException(ProblemType.CONFLICT, "The hours on this CPF are not converted to euros yet: "
                    + "the next yearly accrual converts them; try again after it.");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET unit = 'EURO_CENTS' WHERE id = ?")) {
            update.setObject(1, cpf.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move an empty CPF to euros", e);
        }
        return new Locked(cpf.id(), cpf.personKey(), cpf.kind(), unit, cpf.balance(), cpf.pending(), cpf.birthDate(),
                cpf.closedOn());
    }
}
