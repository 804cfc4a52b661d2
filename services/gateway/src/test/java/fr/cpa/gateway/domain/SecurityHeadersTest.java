package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private final SecurityHeaders plain = new SecurityHeaders(false);

    @Test
    void apiAnswersAreNeitherSniffedNorFramedNorStored() {
        Map<String, String> headers = plain.forAnswer("/api/ledger/me/accounts", false, false);
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("frame-ancestors 'none'", headers.get("Content-Security-Policy"));
        assertEquals("no-store", headers.get("Cache-Control"));
    }

    @Test
    void aServicesOwnCacheControlIsKept() {
        assertFalse(plain.forAnswer("/api/catalogue/offers", false, true).containsKey("Cache-Control"));
    }

    @Test
    void otherAnswersAreNotSniffedButMayBeCached() {
        Map<String, String> headers = plain.forAnswer("/q/swagger-ui/index.html", false, false);
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertFalse(headers.containsKey("Cache-Control"));
        assertFalse(plain.forAnswer("/apidocs", false, false).containsKey("Cache-Control"));
    }

    @Test
    void hstsOnlyWhenTheBrowserCameOverTls() {
        assertFalse(plain.forAnswer("/api/ledger/me/accounts", false, false).containsKey("Strict-Transport-Security"));
        assertEquals(SecurityHeaders.HSTS,
                plain.forAnswer("/api/ledger/me/accounts", true, false).get("Strict-Transport-Security"));
        assertEquals(SecurityHeaders.HSTS,
                new SecurityHeaders(true).forAnswer("/openapi", false, false).get("Strict-Transport-Security"));
    }
}
