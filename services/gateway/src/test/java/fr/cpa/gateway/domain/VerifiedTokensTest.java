package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedTokens tokens = new VerifiedTokens(2, now::get);
    private final VerifiedTokens.Caller holder = new VerifiedTokens.Caller(Set.of("holder"), "cpa-spa/u1", 1_300);

    @Test
    void onlyTheExactHeaderMatchesAndOnlyUntilExpiry() {
        tokens.remember("Bearer abc", holder);
        assertEquals(holder, tokens.find("Bearer abc"));
        assertNull(tokens.find("Bearer abd"));
        assertNull(tokens.find("Bearer abc "));
        now.set(1_299);
        assertEquals(holder, tokens.find("Bearer abc"));
        now.set(1_300);
        assertNull(tokens.find("Bearer abc"), "expired at its exp second");
        assertEquals(0, tokens.size());
    }

    @Test
    void aFullCacheRemembersNothingMoreAndExpiredOnesAreEvicted() {
        tokens.remember("Bearer a", holder);
        tokens.remember("Bearer b", holder);
        tokens.remember("Bearer c", holder);
        assertNull(tokens.find("Bearer c"));
        now.set(2_000);
        tokens.evictExpired();
        assertEquals(0, tokens.size());
    }
}
