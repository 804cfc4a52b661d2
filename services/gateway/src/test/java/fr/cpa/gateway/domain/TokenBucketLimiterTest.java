package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBucketLimiter limiter = new TokenBucketLimiter(2, 3, now::get);

    @Test
    void burstThenRefusedThenRefilled() {
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertEquals(1, limiter.acquire("a"), "fourth request within the same instant waits");
        assertEquals(0, limiter.acquire("b"), "another key has its own bucket");
        now.addAndGet(500_000_000L);
        assertEquals(0, limiter.acquire("a"), "half a second at 2/s gives one token back");
        assertEquals(1, limiter.acquire("a"));
    }

    @Test
    void idleFullBucketsAreForgotten() {
        limiter.acquire("a");
        limiter.acquire("b");
        now.addAndGet(10_000_000_000L);
        limiter.evictIdle();
        assertEquals(0, limiter.size());
    }
}
