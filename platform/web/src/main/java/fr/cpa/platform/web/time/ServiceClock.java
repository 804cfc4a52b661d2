package fr.cpa.platform.web.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A service's "today", as a {@link Clock} bean: dated rules (the DIF's validity, a CPP point's value, which trainings
 * are eligible) depend on it. A test may fix the date with {@code cpa.clock.today}; any other launch mode refuses to
 * start with it, so production always runs on the real date.
 */
@ApplicationScoped
public class ServiceClock {

    /** Legal dates are French dates. */
    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "cpa.clock.today") Optional<LocalDate> today) {
        if (today.isEmpty()) {
            return Clock.system(FRANCE);
        }
        if (LaunchMode.current() != LaunchMode.TEST) {
            throw new IllegalStateException("cpa.clock.today fixes the date for tests only; remove it");
        }
        return Clock.fixed(today.get().atTime(LocalTime.NOON).atZone(FRANCE).toInstant(), FRANCE);
    }

    /** Builds the clock at start, so a misconfiguration stops the service instead of failing a request. */
    void checkAtStart(@Observes StartupEvent started, Clock clock) {
        clock.instant();
    }
}
