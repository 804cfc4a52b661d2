package fr.cpa.identity.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The holders' encrypted NIRs, for the re-encryption job. A stored value is base64 whose first decoded byte is
 * NirVault's header (key version and binding): rows whose header differs from the current one are due.
 */
@ApplicationScoped
public class HolderNirs {

    /** One holder's stored value. */
    public record StoredNir(UUID holderId, String value) {
        @Override
        public String toString() {
            return "StoredNir[" + holderId + "]";
        }
    }

    private static final String HEADER = "get_byte(decode(nir_encrypted, 'base64'), 0)";

    private final DataSource dataSource;

    HolderNirs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Up to {@code limit} due rows after {@code after} (null: from the start), by id, locked until the transaction
     * ends; rows another run holds are skipped, not waited for. Call it inside a transaction.
     */
    public List<StoredNir> lockDue(int currentHeader, UUID after, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, nir_encrypted FROM holder WHERE "
                        + HEADER + " <> ? AND id > ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, currentHeader);
            // PostgreSQL orders uuids by their bytes: the nil uuid comes before any holder's id.
            select.setObject(2, after != null ? after : new UUID(0, 0));
            select.setInt(3, limit);
            List<StoredNir> due = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new StoredNir(rows.getObject(1, UUID.class), rows.getString(2)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the stored NIRs", e);
        }
    }

    /**
     * Replaces the values of rows locked by {@link #lockDue} in this transaction. The entity version stays: the
     * holder's data did not change, so no concurrent update of the holder should fail for it.
     */
    public void rewrite(Map<UUID, String> values) {
        if (values.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE holder SET nir_encrypted = ? WHERE id = ?")) {
            for (Map.Entry<UUID, String> value : values.entrySet()) {
                update.setString(1, value.getValue());
                update.setObject(2, value.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not rewrite the stored NIRs", e);
        }
    }

    /** How many rows are not under the current header. */
    public long countDue(int currentHeader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM holder WHERE " + HEADER + " <> ?")) {
            count.setInt(1, currentHeader);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the stored NIRs", e);
        }
    }
}
