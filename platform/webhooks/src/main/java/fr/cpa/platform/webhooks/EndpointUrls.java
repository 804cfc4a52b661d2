package fr.cpa.platform.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which receiver URLs are accepted: absolute {@code https} URLs with a host, no user info and no fragment, at most
 * 2000 characters; never an address of this machine or of a private network, so a subscription cannot make the
 * platform call its own internals. With {@code cpa.webhooks.allow-loopback-http} (tests, local runs) the loopback is
 * accepted too, over {@code http} or {@code https}. The same check runs on the addresses a host resolves to before
 * each attempt.
 */
final class EndpointUrls {

    static final int MAX_LENGTH = 2000;

    private EndpointUrls() {
    }

    /** Why the URL is refused (to show the partner), or empty when it is accepted. */
    static Optional<String> refusal(String url, boolean allowLoopback) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || uri.isOpaque() || host == null || host.isEmpty()
                || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        boolean loopback = isLoopbackName(host) || literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
        if (loopback) {
            return allowLoopback ? Optional.empty() : Optional.of("must not point to this machine");
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be an https URL");
        }
        if (literal(host).map(EndpointUrls::isInternal).orElse(false)) {
            return Optional.of("must not point to a private network address");
        }
        return Optional.empty();
    }

    /** Whether an attempt may reach this resolved address. */
    static boolean reachable(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        return !isInternal(address);
    }

    private static boolean isLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    /** The host as an IP address when it is written as one (no name resolution). */
    private static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            // 0/8, 100.64/10 (carrier-grade NAT), 198.18/15 (benchmarks), 240/4 and broadcast.
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198
                    && (second == 18 || second == 19)) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses.
            return (bytes[0] & 0xFE) == 0xFC;
        }
        return false;
    }
}
