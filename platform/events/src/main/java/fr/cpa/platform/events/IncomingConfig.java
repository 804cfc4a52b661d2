package fr.cpa.platform.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cpa.incoming.*}: how {@link IncomingEvents#consume} retries an event whose effect fails. */
@ConfigMapping(prefix = "cpa.incoming")
public interface IncomingConfig {

    /**
     * Attempts at an event's effect before its record goes to the dead-letter topic. With the default backoff, five
     * attempts outlast about 15 s of a database that is away (plus each attempt's connection timeout).
     */
    @WithDefault("5")
    int attempts();

    /** The pause after the first failed attempt; it doubles after each further one. */
    @WithDefault("1s")
    Duration backoff();
}
