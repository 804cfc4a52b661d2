package fr.cpa.gateway.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.netty.util.NetUtil;

import fr.cpa.gateway.GatewayConfig;

/**
 * Which address a request comes from, for the per-IP limits. It is the direct peer, unless the peer is one of the
 * configured proxies (a load balancer in front of the gateway): then {@code X-Forwarded-For} is read from the right,
 * each proxy having appended the address it got the request from, and the right-most address that is not a trusted
 * proxy is the client's. What lies left of it was written by the client itself and is never believed; from any other
 * peer the header is ignored altogether. Only literal IPv4 and IPv6 addresses count (nothing is looked up), and
 * proxies are given as addresses or CIDR ranges.
 */
@Singleton
public final class TrustedProxies {

    public static final String HEADER = "X-Forwarded-For";

    private final List<Range> proxies;

    @Inject
    TrustedProxies(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    /** @throws IllegalArgumentException for a spec that is neither an IP address nor a CIDR range */
    public TrustedProxies(List<String> specs) {
        this.proxies = specs.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Range::parse).toList();
    }

    /**
     * The client's address, in canonical form (so that one client spelt two ways has one limit).
     *
     * @param peer the address of the connection's other end, null when unknown
     * @param forwardedFor the request's X-Forwarded-For headers, in order
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        Optional<byte[]> peerAddress = address(peer);
        if (peerAddress.isEmpty()) {
            return peer == null ? "unknown" : peer;
        }
        byte[] client = peerAddress.get();
        if (!trusted(client)) {
            return canonical(client);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = address(hops.get(i));
            if (hop.isEmpty()) {
                break; // not an address: the last trusted hop is all that can be vouched for
            }
            client = hop.get();
            if (!trusted(client)) {
                break;
            }
        }
        return canonical(client);
    }

    /**
     * The X-Forwarded-For to send on to the service: the chain as a trusted proxy gave it, then the peer; from any
     * other peer, the peer alone. Empty when the peer is unknown.
     */
    public Optional<String> forwardedFor(String peer, List<String> forwardedFor) {
        Optional<byte[]> peerAddress = address(peer);
        if (peerAddress.isEmpty()) {
            return Optional.empty();
        }
        String self = canonical(peerAddress.get());
        List<String> hops = hops(forwardedFor);
        if (!trusted(peerAddress.get()) || hops.isEmpty()) {
            return Optional.of(self);
        }
        return Optional.of(String.join(", ", hops) + ", " + self);
    }

    private boolean trusted(byte[] address) {
        for (Range range : proxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> hops(List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /**
     * The bytes of a literal address ({@code 203.0.113.7}, {@code 2001:db8::1}, IPv4-mapped IPv6 as IPv4), also as
     * some proxies write it: {@code [2001:db8::1]:443}, {@code 203.0.113.7:443}, with a zone ({@code fe80::1%eth0}).
     */
    static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? s : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        int zone = s.indexOf('%');
        return literal(zone < 0 ? s : s.substring(0, zone));
    }

    /** The bytes of an address written as a bare literal, IPv4-mapped IPv6 as IPv4. */
    private static Optional<byte[]> literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte address always has a text form
        }
    }

    /** An address and the number of leading bits that must match it. */
    private record Range(byte[] network, int bits) {

        static Range parse(String spec) {
            int slash = spec.indexOf('/');
            String address = slash < 0 ? spec : spec.substring(0, slash);
            byte[] network = literal(address.strip())
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + spec));
            int max = network.length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(spec.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + spec);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("prefix out of range in " + spec);
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
