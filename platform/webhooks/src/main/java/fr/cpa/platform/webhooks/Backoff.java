package fr.cpa.platform.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** The pause before a delivery's next attempt: the schedule's step for the failures so far, with jitter. */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param failures failed attempts so far (1 after the first)
     * @param jitter the fraction the pause may be drawn away from its step, either way
     */
    static Duration pause(List<Duration> schedule, int failures, double jitter, RandomGenerator random) {
        if (schedule.isEmpty()) {
            throw new IllegalStateException("cpa.webhooks.backoff names no pause");
        }
        Duration step = schedule.get(Math.min(Math.max(failures, 1), schedule.size()) - 1);
        double spread = Math.max(0, Math.min(jitter, 1));
        double factor = spread == 0 ? 1 : 1 - spread + random.nextDouble() * 2 * spread;
        return Duration.ofMillis(Math.round(step.toMillis() * factor));
    }
}
