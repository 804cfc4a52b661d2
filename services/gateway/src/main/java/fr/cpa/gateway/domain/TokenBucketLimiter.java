package fr.cpa.gateway.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a client id or an IP address): {@code burst} requests at once, refilled at
 * {@code perSecond}. Kept in memory: one gateway instance enforces its own share; a cluster would need a shared store.
 */
public final class TokenBucketLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double refillPerNano;
    private final double capacity;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.refillPerNano = perSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.clock = nanoClock;
    }

    /** Takes one token for {@code key}: 0 when allowed, else the seconds to wait before a token is back (at least 1). */
    public long acquire(String key) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, refillPerNano, capacity);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missingNanos = (1 - bucket.tokens) / refillPerNano;
            return Math.max(1, (long) Math.ceil(missingNanos / NANOS_PER_SECOND));
        }
    }

    /** Forgets buckets that have been full for a while, so that the map does not grow with every IP ever seen. */
    public void evictIdle() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, refillPerNano, capacity);
                return e.getValue().tokens >= capacity;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }

        void refill(long now, double refillPerNano, double capacity) {
            if (now > updatedAt) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) * refillPerNano);
                updatedAt = now;
            }
        }
    }
}
