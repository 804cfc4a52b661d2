package fr.cpa.platform.web;

import java.util.Optional;
import java.util.UUID;
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

    public static String newId() {
        return UUID.randomUUID().toString();
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
