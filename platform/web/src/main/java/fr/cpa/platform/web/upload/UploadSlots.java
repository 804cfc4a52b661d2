package fr.cpa.platform.web.upload;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * The streamed uploads a service reads at once, capped per client and in total: each holds a worker thread for as
 * long as its body takes to arrive, which the client decides, so a few slow clients must not take them all. A full
 * cap answers 429 with Retry-After. One instance per service, shared by all its upload paths.
 */
@Singleton
public class UploadSlots {

    private final int perClient;
    private final int total;
    private final Duration retryAfter;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int taken;

    @Inject
    public UploadSlots(@ConfigProperty(name = "cpa.web.uploads.per-client", defaultValue = "2") int perClient,
            @ConfigProperty(name = "cpa.web.uploads.total", defaultValue = "8") int total,
            @ConfigProperty(name = "cpa.web.uploads.retry-after", defaultValue = "30S") Duration retryAfter) {
        if (perClient < 1 || total < perClient) {
            throw new IllegalArgumentException("cpa.web.uploads: per-client >= 1 and total >= per-client");
        }
        this.perClient = perClient;
        this.total = total;
        this.retryAfter = retryAfter;
    }

    /** A slot for one upload of {@code client}, to close once the upload has ended however it ended. */
    public synchronized Slot acquire(String client) {
        int mine = byClient.getOrDefault(client, 0);
        if (mine >= perClient) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "At most " + perClient + " uploads of one "
                    + "client are read at once: send this file once an earlier one has been answered.", retryAfter);
        }
        if (taken >= total) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "The service is reading as many uploads as it "
                    + "takes at once; send the file again later.", retryAfter);
        }
        byClient.put(client, mine + 1);
        taken++;
        return new Slot(client);
    }

    /** Slots taken now by the client (for tests and diagnostics). */
    public synchronized int taken(String client) {
        return byClient.getOrDefault(client, 0);
    }

    /** Slots taken now by all clients. */
    public synchronized int taken() {
        return taken;
    }

    private synchronized void release(String client) {
        byClient.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
        taken--;
    }

    /** One upload's slot; closing it again does nothing. */
    public final class Slot implements AutoCloseable {
        private final String client;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(client);
            }
        }
    }
}
