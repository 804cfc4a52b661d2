package fr.cpa.platform.events;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cpa.outbox.*}: the outbox relay and the retention of the events tables. */
@ConfigMapping(prefix = "cpa.outbox")
public interface OutboxConfig {

    /** The relay's period; {@code off} disables the relay. Read by its {@code @Scheduled}. */
    @WithDefault("1s")
    String interval();

    /** The period of the purges of published and processed events. Read by their {@code @Scheduled}. */
    @WithDefault("1h")
    String purgeInterval();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** Upper bound of the pause after failed relay runs (it doubles from one second). */
    @WithDefault("30s")
    Duration maxBackoff();

    /** How long published rows are kept, for diagnosis and replays. */
    @WithDefault("7d")
    Duration retention();

    /** How long consumers remember processed event ids: longer than any redelivery can come late. */
    @WithDefault("30d")
    Duration processedRetention();

    /**
     * Kafka producer settings of the relay (security, timeouts...), by their Kafka names, over those given as
     * {@code kafka.*}. Idempotence, acks and serializers are fixed.
     */
    Map<String, String> kafka();
}
