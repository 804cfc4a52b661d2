package fr.cpa.gateway.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers the gateway puts on its answers, its own and the services' alike.
 * <ul>
 * <li>Everywhere: no MIME sniffing, no framing by another page.
 * <li>On {@code /api/...}: {@code Cache-Control: no-store}, since nearly every answer there is personal data, unless
 * the service set its own: only the service knows which of its answers may be kept (today the services only ever
 * say no-store, on exports; a public catalogue read could one day be cacheable). The gateway's own refusals carry
 * no-store too.
 * <li>HSTS only when the browser reached us over TLS: on a TLS connection, or when a TLS front (a load balancer)
 * terminates every connection before the gateway. Over plain HTTP it would mean nothing.
 * </ul>
 */
public final class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean tlsInFront;

    public SecurityHeaders(boolean tlsInFront) {
        this.tlsInFront = tlsInFront;
    }

    /**
     * The headers to set on an answer to {@code path}, replacing any of the same name.
     *
     * @param overTls the request came on a TLS connection
     * @param hasCacheControl the answer already says how it may be cached
     */
    public Map<String, String> forAnswer(String path, boolean overTls, boolean hasCacheControl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", "frame-ancestors 'none'");
        if (isApi(path) && !hasCacheControl) {
            headers.put("Cache-Control", "no-store");
        }
        if (overTls || tlsInFront) {
            headers.put("Strict-Transport-Security", HSTS);
        }
        return headers;
    }

    private static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith(RouteTable.API_PREFIX));
    }
}
