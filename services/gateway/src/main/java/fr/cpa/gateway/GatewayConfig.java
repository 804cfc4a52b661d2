package fr.cpa.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the gateway routes where, and the limits it enforces before forwarding. */
@ConfigMapping(prefix = "cpa.gateway")
public interface GatewayConfig {

    /** One route per service, keyed by the service name in {@code /api/{service}/...}. */
    Map<String, Route> routes();

    /**
     * Paths the services serve to one another only, never routed: the gateway answers 404 as for a path no service
     * has. Each covers itself and everything below it ({@link fr.cpa.gateway.domain.InternalPaths}).
     */
    Optional<List<String>> internalPaths();

    RateLimit rateLimit();

    /**
     * Proxies in front of the gateway (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed for the
     * per-IP limits ({@link fr.cpa.gateway.domain.TrustedProxies}); none by default, so the peer is the client.
     */
    Optional<List<String>> trustedProxies();

    /** What {@code /q/health} checks besides the services. */
    Health health();

    /** The largest request body forwarded; larger ones are refused with 413. */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /**
     * Exact paths that take uploads larger than {@link #maxBodySize()}: their bodies are streamed to the service as
     * they arrive instead of being read first.
     */
    Optional<List<String>> uploadPaths();

    /** The largest body forwarded on {@link #uploadPaths()}. */
    @WithDefault("100M")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize();

    /**
     * True when TLS ends in front of the gateway (a load balancer) for every request: answers then carry HSTS though
     * they reach the gateway over plain HTTP. Requests on a TLS connection to the gateway itself always get it.
     */
    @WithDefault("false")
    boolean tlsInFront();

    /** How long an upstream service may take before the caller gets 504. */
    @WithDefault("30S")
    Duration upstreamTimeout();

    @WithDefault("200")
    int upstreamPoolSize();

    interface Route {
        /** Base URL of the service; the request path is forwarded unchanged. */
        URI url();

        /** Roles of which the caller needs one; empty means any authenticated caller. */
        Optional<List<String>> roles();

        /**
         * Paths under this route that need no token (for example registration), as {@code METHOD /path}
         * or {@code /path} for any method. A trailing {@code *} matches any remainder.
         */
        Optional<List<String>> publicPaths();
    }

    interface Health {
        /** Keycloak's discovery document for the realm: the gateway is ready only when it answers. */
        URI keycloak();

        /** {@code host:port} of the stack's parts, reported (not required) by the wellness check. */
        String kafka();

        String postgresql();

        String smtp();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second allowed for one client (the token's {@code azp}). */
        @WithDefault("100")
        int perClientPerSecond();

        @WithDefault("200")
        int perClientBurst();

        /** Sustained requests per second allowed from one IP address, token or not. */
        @WithDefault("50")
        int perIpPerSecond();

        @WithDefault("100")
        int perIpBurst();

        /**
         * Sustained writes per minute from one IP address on public paths (registration, password reset): each may
         * create a login and send a mail, so they get a much lower limit than reads.
         */
        @WithDefault("20")
        int publicWritesPerIpPerMinute();

        @WithDefault("10")
        int publicWritesPerIpBurst();
    }
}
