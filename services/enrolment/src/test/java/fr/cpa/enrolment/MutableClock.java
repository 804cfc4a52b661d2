package fr.cpa.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import fr.cpa.platform.web.time.ServiceClock;

/**
 * The service's "today" in tests: the real time until a test moves it, so that deadlines (working days, the
 * employer's 30 days) can pass within a test. Takes the place of the platform's clock.
 */
public final class MutableClock extends Clock {

    private static final AtomicReference<Duration> SHIFT = new AtomicReference<>(Duration.ZERO);
    private static final Clock SYSTEM = Clock.system(ServiceClock.FRANCE);

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    static Clock clock() {
        return new MutableClock();
    }

    /** Moves today forward (or back) by whole days. */
    public static void shiftDays(long days) {
        SHIFT.updateAndGet(shift -> shift.plusDays(days));
    }

    /** Moves the time forward by minutes (a login grows old). */
    public static void shiftMinutes(long minutes) {
        SHIFT.updateAndGet(shift -> shift.plusMinutes(minutes));
    }

    /** Moves today to that day, keeping the time of day. */
    public static void today(LocalDate day) {
        LocalDate real = LocalDate.now(SYSTEM);
        SHIFT.set(Duration.ofDays(day.toEpochDay() - real.toEpochDay()));
    }

    public static void reset() {
        SHIFT.set(Duration.ZERO);
    }

    public static LocalDate today() {
        return LocalDate.now(new MutableClock());
    }

    @Override
    public ZoneId getZone() {
        return ServiceClock.FRANCE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is in France");
    }

    @Override
    public Instant instant() {
        return SYSTEM.instant().plus(SHIFT.get());
    }
}
