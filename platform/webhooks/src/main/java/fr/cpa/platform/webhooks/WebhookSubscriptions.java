package fr.cpa.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import fr.cpa.platform.webhooks.InvalidWebhookException.Violation;
import fr.cpa.platform.webhooks.WebhookRefusedException.Reason;

/**
 * A partner's subscriptions, for the service's resources: every method takes the owner (from the caller's token) and
 * finds only that owner's active subscriptions, so another partner's id is simply not found. The signing secret is
 * answered at creation and at rotation only; rows keep it sealed ({@link SecretBox}).
 */
@ApplicationScoped
public class WebhookSubscriptions {

    /** A subscription as shown to its owner: never its secret. */
    public record Subscription(UUID id, String owner, String url, List<String> eventTypes, boolean active,
            Instant createdAt, Instant secretRotatedAt) {
    }

    /** A new subscription and its secret, shown this once ({@code replayed}: the answer to a retried creation). */
    public record Created(Subscription subscription, String secret, boolean replayed) {
    }

    /** The new secret after a rotation; the former one still signs until {@code previousSecretValidUntil}. */
    public record Rotated(Subscription subscription, String secret, Instant previousSecretValidUntil) {
    }

    private static final String COLUMNS = "id, owner, url, event_types, active, created_at, secret_rotated_at";
    /** How long a creation's Idempotency-Key gives the first answer again (as platform/web's records). */
    static final java.time.Duration CREATION_KEY_RETENTION = java.time.Duration.ofHours(24);
    private static final int MAX_KEY = 128;

    private final DataSource dataSource;
    private final KnownEventTypes known;
    private final SecretBox box;
    private final WebhooksConfig config;

    WebhookSubscriptions(DataSource dataSource, KnownEventTypes known, SecretBox box, WebhooksConfig config) {
        this.dataSource = dataSource;
        this.known = known;
        this.box = box;
        this.config = config;
    }

    /**
     * Subscribes the owner's endpoint to event types and answers the secret, this once. With an idempotency key, a
     * retry of the same request within a day answers the same subscription and secret ({@code replayed}); the same
     * key for another request is refused.
     *
     * @param offered the types this owner may choose from (a subset of the service's {@link WebhookEventTypes}), or
     *        null for all of them
     * @throws InvalidWebhookException naming each field at fault
     * @throws WebhookRefusedException too many subscriptions, or a key reused
     */
    @Transactional
    public Created create(String owner, String url, Collection<String> eventTypes, Collection<String> offered,
            String idempotencyKey) {
        requireOwner(owner);
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY)) {
            throw new IllegalArgumentException("An idempotency key is 1 to " + MAX_KEY + " characters");
        }
        List<String> types = validate(url, eventTypes, offered);
        byte[] hash = requestHash(url, types);
        try (Connection connection = dataSource.getConnection()) {
            // One creation of an owner at a time: the count and the key are then checked against committed rows.
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('platform_webhook_subscription:' || ?))")) {
                lock.setString(1, owner);
                lock.execute();
            }
            if (idempotencyKey != null) {
                Optional<Created> again = retried(connection, owner, idempotencyKey, hash);
                if (again.isPresent()) {
                    return again.get();
                }
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM platform_webhook_subscription WHERE owner = ? AND active")) {
                count.setString(1, owner);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= config.maxSubscriptionsPerOwner()) {
                        throw new WebhookRefusedException(Reason.TOO_MANY_SUBSCRIPTIONS, "At most "
                                + config.maxSubscriptionsPerOwner() + " active subscriptions per partner.");
                    }
                }
            }
            UUID id = UUID.randomUUID();
            byte[] secret = WebhookSignature.newSecret();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO platform_webhook_subscription (id, owner, url, event_types, secret, creation_key,
                                                               creation_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING\s""" + COLUMNS)) {
                insert.setObject(1, id);
                insert.setString(2, owner);
                insert.setString(3, url);
                insert.setArray(4, connection.createArrayOf("text", types.toArray()));
                insert.setBytes(5, box.seal(id, secret));
                insert.setString(6, idempotencyKey);
                insert.setBytes(7, idempotencyKey == null ? null : hash);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new Created(subscription(row), WebhookSignature.show(secret), false);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a webhook subscription", e);
        }
    }

    /** The owner's active subscriptions, oldest first. */
    @Transactional
    public List<Subscription> list(String owner) {
        requireOwner(owner);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM platform_webhook_subscription WHERE owner = ? AND active ORDER BY created_at, id")) {
            select.setString(1, owner);
            List<Subscription> all = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.add(subscription(rows));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook subscriptions", e);
        }
    }

    /** One of the owner's active subscriptions. */
    @Transactional
    public Optional<Subscription> get(String owner, UUID id) {
        requireOwner(owner);
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, owner, id, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a webhook subscription", e);
        }
    }

    /**
     * Ends one of the owner's subscriptions: its pending deliveries are cancelled and its secrets erased; it is then
     * found no more. False when the owner has no such active subscription.
     */
    @Transactional
    public boolean deactivate(String owner, UUID id) {
        requireOwner(owner);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE platform_webhook_subscription
                       SET active = false, deactivated_at = clock_timestamp(), secret = NULL,
                           previous_secret = NULL, previous_secret_until = NULL, creation_key = NULL,
                           creation_hash = NULL
                     WHERE id = ? AND owner = ? AND active""")) {
                update.setObject(1, id);
                update.setString(2, owner);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement cancel = connection.prepareStatement("""
                    UPDATE platform_webhook_delivery SET status = 'CANCELLED', ended_at = clock_timestamp()
                     WHERE subscription_id = ? AND status = 'PENDING'""")) {
                cancel.setObject(1, id);
                cancel.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not deactivate a webhook subscription", e);
        }
    }

    /**
     * A new secret for one of the owner's subscriptions, answered this once. The former one still signs, as a second
     * signature, for {@code cpa.webhooks.rotation-overlap}, so the receiver can switch without losing a message.
     */
    @Transactional
    public Optional<Rotated> rotateSecret(String owner, UUID id) {
        requireOwner(owner);
        byte[] secret = WebhookSignature.newSecret();
        Instant until = Instant.now().plus(config.rotationOverlap());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE platform_webhook_subscription
                           SET previous_secret = secret, previous_secret_until = ?, secret = ?,
                               secret_rotated_at = clock_timestamp(), creation_key = NULL, creation_hash = NULL
                         WHERE id = ? AND owner = ? AND active RETURNING\s""" + COLUMNS)) {
            update.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            update.setBytes(2, box.seal(id, secret));
            update.setObject(3, id);
            update.setString(4, owner);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Rotated(subscription(row), WebhookSignature.show(secret), until));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not rotate a webhook secret", e);
        }
    }

    /** The event types of the service, in the order declared. */
    public List<String> eventTypes() {
        return known.types().names();
    }

    static Optional<Subscription> find(Connection connection, String owner, UUID id, boolean lock)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM platform_webhook_subscription WHERE id = ? AND owner = ? AND active"
                + (lock ? " FOR SHARE" : ""))) {
            select.setObject(1, id);
            select.setString(2, owner);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(subscription(row)) : Optional.empty();
            }
        }
    }

    private Optional<Created> retried(Connection connection, String owner, String key, byte[] hash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                , creation_hash, secret, created_at > clock_timestamp() - make_interval(secs => ?)
                  FROM platform_webhook_subscription WHERE owner = ? AND creation_key = ?""")) {
            select.setDouble(1, CREATION_KEY_RETENTION.toSeconds());
            select.setString(2, owner);
            select.setString(3, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Subscription existing = subscription(row);
                if (!row.getBoolean(10)) {
                    // Over a day old: forgotten, as the purge would have; the key makes a new subscription.
                    forgetKey(connection, existing.id());
                    return Optional.empty();
                }
                boolean sameRequest = MessageDigest.isEqual(hash, row.getBytes(8));
                if (!sameRequest || !existing.active() || row.getBytes(9) == null) {
                    throw new WebhookRefusedException(Reason.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was already used for a different request.");
                }
                byte[] secret = box.open(existing.id(), row.getBytes(9));
                return Optional.of(new Created(existing, WebhookSignature.show(secret), true));
            }
        }
    }

    private static void forgetKey(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE platform_webhook_subscription SET creation_key = NULL, creation_hash = NULL WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private List<String> validate(String url, Collection<String> eventTypes, Collection<String> offered) {
        List<Violation> violations = new ArrayList<>();
        EndpointUrls.refusal(url, config.allowLoopbackHttp()).ifPresent(why -> violations.add(new Violation("url",
                why)));
        List<String> choices = known.types().names().stream()
                .filter(type -> offered == null || offered.contains(type)).toList();
        Set<String> types = new TreeSet<>();
        if (eventTypes == null || eventTypes.isEmpty()) {
            violations.add(new Violation("eventTypes", "must name at least one event type"));
        } else {
            int i = 0;
            for (String type : eventTypes) {
                if (type == null || !choices.contains(type)) {
                    violations.add(new Violation("eventTypes[" + i + "]", "must be one of " + choices));
                } else {
                    types.add(type);
                }
                i++;
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidWebhookException(violations);
        }
        return List.copyOf(types);
    }

    private static byte[] requestHash(String url, List<String> types) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((url + "\n" + String.join(",", types)).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > 100) {
            throw new IllegalArgumentException("A webhook owner is 1 to 100 characters");
        }
    }

    static Subscription subscription(ResultSet row) throws SQLException {
        Array types = row.getArray(4);
        List<String> eventTypes = Arrays.asList((String[]) types.getArray());
        return new Subscription(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                List.copyOf(eventTypes), row.getBoolean(5), instant(row, 6), instant(row, 7));
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
