package fr.cpa.platform.webhooks;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cpa.webhooks.*}: the signing secrets' key, the endpoints accepted, the dispatcher and the purge. */
@ConfigMapping(prefix = "cpa.webhooks")
public interface WebhooksConfig {

    /**
     * The AES-256 key sealing the signing secrets in the database: base64 of 32 bytes. No default here: a service
     * gives one from its secrets, with at most a local-development default in its application configuration.
     */
    String secretKey();

    /** Accept {@code http://127.0.0.1}, {@code http://localhost} and loopback addresses: tests and local runs only. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** {@code false} stops the dispatcher and the purge (deliveries still queue). */
    @WithDefault("true")
    boolean enabled();

    /** The dispatcher's period; {@code off} disables it. Read by its {@code @Scheduled}. */
    @WithDefault("5s")
    String interval();

    /** Deliveries claimed at once, POSTed in parallel. */
    @WithDefault("10")
    int batchSize();

    /** The pauses after the 1st, 2nd... failed attempt of a delivery; the last one repeats. */
    @WithDefault("5s,30s,2m,10m,30m,1h,2h")
    List<Duration> backoff();

    /** Each pause is drawn within this fraction around its value (0.2: from 80 % to 120 %), so retries spread. */
    @WithDefault("0.2")
    double jitter();

    /** No attempt is made this long after a delivery's first one: it is then FAILED. */
    @WithDefault("24H")
    Duration giveUpAfter();

    @WithDefault("2s")
    Duration connectTimeout();

    /** How long a receiver has to answer an attempt. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** After a rotation, the former secret still signs (a second {@code v1,} signature) this long. */
    @WithDefault("24H")
    Duration rotationOverlap();

    /** Active subscriptions an owner may have at once. */
    @WithDefault("20")
    int maxSubscriptionsPerOwner();

    /** Ended deliveries (delivered, failed, cancelled) are deleted, with their attempts, this long after. */
    @WithDefault("30D")
    Duration retention();

    /** The purge's period; {@code off} disables it. Read by its {@code @Scheduled}. */
    @WithDefault("1h")
    String purgeInterval();
}
