package fr.cpa.platform.web.problem;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A kind of problem: its stable type {@code urn:cpa:problem:<slug>}, HTTP status, title, and the detail used when an
 * occurrence has nothing more specific to say. Services declare their own kinds with {@link #of}.
 */
public record ProblemType(String slug, int status, String title, String detail) {

    public static final String URN_PREFIX = "urn:cpa:problem:";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public static final ProblemType VALIDATION = new ProblemType("validation", 400, "Invalid request",
            "Some values of the request are invalid; see errors.");
    public static final ProblemType MALFORMED_BODY = new ProblemType("malformed-body", 400, "Malformed request body",
            "The request body cannot be read.");
    public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", 400, "Bad request",
            "The request is malformed.");
    public static final ProblemType UNAUTHENTICATED = new ProblemType("unauthenticated", 401, "Authentication required",
            "This operation needs a valid access token.");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403, "Forbidden",
            "You are not allowed to perform this operation.");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not found",
            "Nothing matches this path.");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405, "Method not allowed",
            "This resource does not support this method.");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406, "Not acceptable",
            "This resource cannot produce any media type the Accept header allows.");
    public static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", 408, "Request timeout",
            "The request body took too long to arrive.");
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409, "Conflict",
            "The request conflicts with the current state of the resource.");
    public static final ProblemType IDEMPOTENCY_KEY_IN_USE = new ProblemType("idempotency-key-in-use", 409,
            "Idempotency key in use", "A request with this Idempotency-Key is still being processed; retry later.");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413, "Payload too large",
            "The request body is too large.");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", 415,
            "Unsupported media type", "This resource does not accept a body of this media type.");
    public static final ProblemType UNPROCESSABLE = new ProblemType("unprocessable", 422, "Request refused",
            "The request is well-formed but a rule refuses it.");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", 422,
            "Idempotency key reused", "This Idempotency-Key was already used for a different request.");
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", 429, "Too many requests",
            "Too many requests; retry after the delay in the Retry-After header.");
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", 500, "Internal error",
            "An unexpected error occurred; quote the requestId when reporting it.");
    public static final ProblemType BAD_GATEWAY = new ProblemType("bad-gateway", 502, "Bad gateway",
            "A service this request depends on failed.");
    public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType("service-unavailable", 503,
            "Service unavailable", "The service is temporarily unavailable; retry later.");
    public static final ProblemType GATEWAY_TIMEOUT = new ProblemType("gateway-timeout", 504, "Gateway timeout",
            "A service this request depends on did not answer in time.");

    // The kind reported for a bare HTTP status (from JAX-RS or Vert.x), one per status.
    private static final Map<Integer, ProblemType> BY_STATUS = Stream.of(BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN,
            NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_TIMEOUT, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
            UNPROCESSABLE, TOO_MANY_REQUESTS, INTERNAL_ERROR, BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT)
            .collect(Collectors.toUnmodifiableMap(ProblemType::status, Function.identity()));

    public ProblemType {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("A problem slug is lower-case words joined by hyphens");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem status is 4xx or 5xx");
        }
    }

    /** A service's own kind; its title doubles as the default detail. */
    public static ProblemType of(String slug, int status, String title) {
        return new ProblemType(slug, status, title, title);
    }

    /** The kind reported for an error known only by its HTTP status. */
    public static ProblemType forStatus(int status) {
        ProblemType known = BY_STATUS.get(status);
        if (known != null) {
            return known;
        }
        int code = status >= 400 && status <= 599 ? status : 500;
        String reason = HttpResponseStatus.valueOf(code).reasonPhrase();
        return new ProblemType("http-" + code, code, reason, reason);
    }

    /** The {@code type} member of the problem document. */
    public String uri() {
        return URN_PREFIX + slug;
    }
}
