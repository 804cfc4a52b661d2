package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final String LOAD_BALANCER = "10.0.0.5";
    private static final String EDGE_PROXY = "192.168.10.2";

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/24", " 192.168.10.2 ", "fd00::/8"));
    private final TrustedProxies none = new TrustedProxies(List.of());

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertEquals("203.0.113.7", none.clientOf("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("unknown", none.clientOf(null, List.of("198.51.100.1")));
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.7", proxies.clientOf("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", proxies.clientOf("203.0.113.7", List.of("10.0.0.9")));
        assertEquals(Optional.of("203.0.113.7"), proxies.forwardedFor("203.0.113.7", List.of("198.51.100.1")));
    }

    @Test
    void behindOneTrustedProxyTheAddressItAppendedIsTheClient() {
        assertEquals("203.0.113.7", proxies.clientOf(LOAD_BALANCER, List.of("203.0.113.7")));
        // What the client wrote itself, left of it, is not believed.
        assertEquals("203.0.113.7", proxies.clientOf(LOAD_BALANCER, List.of("1.1.1.1, 203.0.113.7")));
        assertEquals("203.0.113.7", proxies.clientOf(LOAD_BALANCER, List.of("1.1.1.1", "203.0.113.7")));
    }

    @Test
    void throughTwoTrustedProxiesTheRightMostUntrustedAddressIsTheClient() {
        assertEquals("203.0.113.7",
                proxies.clientOf(LOAD_BALANCER, List.of("6.6.6.6, 203.0.113.7, " + EDGE_PROXY)));
        assertEquals("203.0.113.7",
                proxies.clientOf(LOAD_BALANCER, List.of("10.0.0.77, 203.0.113.7 ,192.168.10.2")));
        assertEquals(Optional.of("6.6.6.6, 203.0.113.7, 192.168.10.2, 10.0.0.5"),
                proxies.forwardedFor(LOAD_BALANCER, List.of("6.6.6.6, 203.0.113.7, " + EDGE_PROXY)));
    }

    @Test
    void aTrustedPeerWithoutAnUntrustedHopIsTheClient() {
        assertEquals(LOAD_BALANCER, proxies.clientOf(LOAD_BALANCER, List.of()));
        assertEquals(EDGE_PROXY, proxies.clientOf(LOAD_BALANCER, List.of(EDGE_PROXY)));
        assertEquals(Optional.of(LOAD_BALANCER), proxies.forwardedFor(LOAD_BALANCER, List.of()));
    }

    @Test
    void aHopThatIsNoAddressStopsAtTheLastTrustedOne() {
        assertEquals(EDGE_PROXY, proxies.clientOf(LOAD_BALANCER, List.of("203.0.113.7, unknown, " + EDGE_PROXY)));
        assertEquals(LOAD_BALANCER, proxies.clientOf(LOAD_BALANCER, List.of("evil.example")));
    }

    @Test
    void addressesAreCanonicalWhateverTheirSpelling() {
        assertEquals("203.0.113.7", proxies.clientOf(LOAD_BALANCER, List.of("203.0.113.7:51234")));
        assertEquals("203.0.113.7", proxies.clientOf(LOAD_BALANCER, List.of("::ffff:203.0.113.7")));
        assertEquals("2001:db8:0:0:0:0:0:1", proxies.clientOf(LOAD_BALANCER, List.of("[2001:db8::1]:443")));
        assertEquals("2001:db8:0:0:0:0:0:1", proxies.clientOf("fd00::12", List.of("2001:DB8::1")));
        assertEquals("2001:db8:0:0:0:0:0:1", none.clientOf("2001:db8::1%2", List.of()));
    }

    @Test
    void rangesMatchTheirPrefixOnly() {
        TrustedProxies odd = new TrustedProxies(List.of("172.16.0.0/12"));
        assertEquals("203.0.113.7", odd.clientOf("172.31.255.255", List.of("203.0.113.7")));
        assertEquals("172.32.0.1", odd.clientOf("172.32.0.1", List.of("203.0.113.7")));
        assertEquals("10.0.1.5", proxies.clientOf("10.0.1.5", List.of("203.0.113.7")));
    }

    @Test
    void aSpecThatIsNoAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("10.0.0.0/x")));
    }
}
