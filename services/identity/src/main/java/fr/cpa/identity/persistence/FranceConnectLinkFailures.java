package fr.cpa.identity.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Failed links by typed NIR, per FranceConnect identity (its subject at FranceConnect): how many since the last lock,
 * and until when linking is locked.
 */
@ApplicationScoped
public class FranceConnectLinkFailures {

    private final EntityManager entityManager;

    FranceConnectLinkFailures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Until when linking is locked for this identity; null when it is not. */
    @Transactional(TxType.MANDATORY)
    public Instant lockedUntil(String franceConnectId, Instant now) {
        @SuppressWarnings("unchecked")
        List<OffsetDateTime> until = entityManager.createNativeQuery("""
                SELECT locked_until FROM franceconnect_link_failure
                WHERE franceconnect_id = ?1 AND locked_until > ?2""", OffsetDateTime.class)
                .setParameter(1, franceConnectId).setParameter(2, now.atOffset(ZoneOffset.UTC)).getResultList();
        return until.isEmpty() ? null : until.get(0).toInstant();
    }

    /**
     * Counts one more failure, in one statement so that concurrent attempts all count; the count reaching
     * {@code maxFailures} locks linking until {@code lockedUntil} and starts again from zero.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void count(String franceConnectId, int maxFailures, Instant now, Instant lockedUntil) {
        entityManager.createNativeQuery("""
                INSERT INTO franceconnect_link_failure AS f (franceconnect_id, failures, last_failed_at)
                VALUES (?1, 1, ?2)
                ON CONFLICT (franceconnect_id) DO UPDATE SET last_failed_at = excluded.last_failed_at,
                    failures = CASE WHEN f.failures + 1 >= ?3 THEN 0 ELSE f.failures + 1 END,
                    locked_until = CASE WHEN f.failures + 1 >= ?3 THEN ?4 ELSE f.locked_until END""")
                .setParameter(1, franceConnectId).setParameter(2, now.atOffset(ZoneOffset.UTC))
                .setParameter(3, maxFailures).setParameter(4, lockedUntil.atOffset(ZoneOffset.UTC)).executeUpdate();
    }
}
