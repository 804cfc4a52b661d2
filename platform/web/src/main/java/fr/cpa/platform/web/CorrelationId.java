package fr.cpa.platform.web;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/**
 * The correlation id of the work in progress: taken from the {@value #HEADER} request header (or made up),
 * kept in the logging context under {@value #MDC_KEY} so every log line carries it, echoed in the response,
 * and copied into outgoing calls and Kafka event headers.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    // A caller's id is reused only when it is short and plain, so that it can never inject anything into logs,
    // and holds nothing like a NIR, so that a NIR sent as an id is never logged nor echoed.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /** The caller's id when it is acceptable, else a new one. */
    public static String fromHeader(String headerValue) {
        return headerValue != null && ACCEPTABLE.matcher(headerValue).matches() && !PersonalData.containsNirLike(headerValue)
                ? headerValue
                : newId();
    }

    /**
     * A random version-4 UUID. Drawn from a thread-local generator, not {@link UUID#randomUUID()}'s shared secure
     * one: a correlation id protects nothing, and every request without one needs a new id.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id bound to the current request or message, if any. */
    public static Optional<String> current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public static void bind(String id) {
        MDC.put(MDC_KEY, id);
    }

    public static void unbind() {
        MDC.remove(MDC_KEY);
    }
}
