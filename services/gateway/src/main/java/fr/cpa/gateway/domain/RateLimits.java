package fr.cpa.gateway.domain;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import fr.cpa.gateway.GatewayConfig;

/**
 * The gateway's limits: per IP address (every request), per client (authenticated requests), and per IP address for
 * writes without a token (registration, password reset).
 */
@ApplicationScoped
public class RateLimits {

    private final boolean enabled;
    private final TokenBucketLimiter perIp;
    private final TokenBucketLimiter perClient;
    private final TokenBucketLimiter publicWrites;

    RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.enabled = limits.enabled();
        this.perIp = new TokenBucketLimiter(limits.perIpPerSecond(), limits.perIpBurst(), System::nanoTime);
        this.perClient = new TokenBucketLimiter(limits.perClientPerSecond(), limits.perClientBurst(), System::nanoTime);
        this.publicWrites = new TokenBucketLimiter(limits.publicWritesPerIpPerMinute() / 60.0,
                limits.publicWritesPerIpBurst(), System::nanoTime);
    }

    /** 0 when allowed, else the seconds to wait. */
    public long perIp(String ip) {
        return enabled ? perIp.acquire(ip) : 0;
    }

    public long perClient(String client) {
        return enabled ? perClient.acquire(client) : 0;
    }

    public long publicWrite(String ip) {
        return enabled ? publicWrites.acquire(ip) : 0;
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdle() {
        perIp.evictIdle();
        perClient.evictIdle();
        publicWrites.evictIdle();
    }
}
