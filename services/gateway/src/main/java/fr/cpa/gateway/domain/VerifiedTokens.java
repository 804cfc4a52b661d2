package fr.cpa.gateway.domain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens the gateway has already verified in full (signature, issuer, audience, expiry), remembered until they
 * expire, so that a client's next requests with the same token skip the signature check — most of the gateway's
 * cost per request. Only a byte-identical Authorization header matches, and never past the token's expiry.
 * A token stays accepted here until it expires even if Keycloak's keys rotate meanwhile (at most the access token
 * lifespan, 5 minutes); every service still verifies the token itself.
 */
public final class VerifiedTokens {

    /** What the gateway needs to know about a verified caller. */
    public record Caller(Set<String> roles, String client, long expiresAtEpochSecond) {
    }

    private final int capacity;
    private final LongSupplier epochSeconds;
    private final ConcurrentHashMap<String, Caller> byAuthorization = new ConcurrentHashMap<>();

    public VerifiedTokens(int capacity, LongSupplier epochSeconds) {
        this.capacity = capacity;
        this.epochSeconds = epochSeconds;
    }

    /** The caller of a token verified before and not expired yet, or null. */
    public Caller find(String authorization) {
        if (authorization == null) {
            return null;
        }
        Caller caller = byAuthorization.get(authorization);
        if (caller == null) {
            return null;
        }
        if (caller.expiresAtEpochSecond() <= epochSeconds.getAsLong()) {
            byAuthorization.remove(authorization, caller);
            return null;
        }
        return caller;
    }

    /** Remembers a verified token; when full, the token is simply verified again next time. */
    public void remember(String authorization, Caller caller) {
        if (authorization != null && byAuthorization.size() < capacity) {
            byAuthorization.put(authorization, caller);
        }
    }

    public void evictExpired() {
        long now = epochSeconds.getAsLong();
        byAuthorization.values().removeIf(caller -> caller.expiresAtEpochSecond() <= now);
    }

    int size() {
        return byAuthorization.size();
    }
}
