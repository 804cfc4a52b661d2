package fr.cpa.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The parts without a database: signatures, sealed secrets, URLs, pauses, excerpts, bodies. */
class WebhookRulesTest {

    private static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2));

    @Test
    void signaturesMatchTheStandardWebhooksReferenceVector() {
        // The test vector published with the Standard Webhooks specification.
        byte[] secret = WebhookSignature.secretBytes("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(secret,
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
        assertArrayEquals(secret, WebhookSignature.secretBytes(WebhookSignature.show(secret)));
    }

    @Test
    void newSecretsAre32RandomBytes() {
        byte[] one = WebhookSignature.newSecret();
        assertEquals(32, one.length);
        assertFalse(java.util.Arrays.equals(one, WebhookSignature.newSecret()));
        assertTrue(WebhookSignature.show(one).matches("whsec_[A-Za-z0-9+/]{43}="));
    }

    @Test
    void aSealedSecretOpensWithItsKeyForItsSubscriptionOnly() {
        SecretBox box = new SecretBox("cGxhdGZvcm0td2ViaG9va3MtdGVzdHMtb25seS1rZXk=");
        byte[] secret = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        byte[] sealed = box.seal(id, secret);
        assertEquals(SecretBox.KEY_VERSION, sealed[0]);
        assertArrayEquals(secret, box.open(id, sealed));
        assertFalse(java.util.Arrays.equals(sealed, box.seal(id, secret)), "a new nonce each time");
        // Moved to another row, or altered, or under another key: it does not open.
        assertThrows(IllegalStateException.class, () -> box.open(UUID.randomUUID(), sealed));
        byte[] altered = sealed.clone();
        altered[20] ^= 1;
        assertThrows(IllegalStateException.class, () -> box.open(id, altered));
        SecretBox other = new SecretBox(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThrows(IllegalStateException.class, () -> other.open(id, sealed));
    }

    @Test
    void theKeyMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> new SecretBox("c2hvcnQ="));
        assertThrows(IllegalStateException.class, () -> new SecretBox("not base64 at all!"));
    }

    @Test
    void onlyHttpsUrlsOfPublicHostsAreAccepted() {
        assertEquals(Optional.empty(), EndpointUrls.refusal("https://partner.example/hooks?x=1", false));
        assertEquals(Optional.empty(), EndpointUrls.refusal("https://partner.example:8443/hooks", false));
        assertEquals(Optional.empty(), EndpointUrls.refusal("https://203.0.113.9/hook", false));
        assertEquals(Optional.of("must be an https URL"), EndpointUrls.refusal("http://partner.example/", false));
        for (String refused : List.of("ftp://partner.example/", "partner.example/hook", "https:///path",
                "https://partner.example/#frag", "https://u:p@partner.example/", "https://10.0.0.8/",
                "https://192.168.1.1/", "https://172.16.0.1/", "https://169.254.169.254/latest/meta-data",
                "https://[fd00::1]/", "https://100.64.0.1/", "https://0.0.0.0/", "https://localhost/",
                "https://127.0.0.1/", "http://127.0.0.1:8080/", "https://[::1]/", "https://x" + "y".repeat(2000),
                "https://exa mple.com/", " ")) {
            assertTrue(EndpointUrls.refusal(refused, false).isPresent(), refused);
        }
    }

    @Test
    void theLoopbackOnlyWhenAllowed() {
        for (String loopback : List.of("http://127.0.0.1:8080/hook", "http://localhost:9/x", "https://127.0.0.1/",
                "http://[::1]:8080/")) {
            assertEquals(Optional.empty(), EndpointUrls.refusal(loopback, true), loopback);
            assertTrue(EndpointUrls.refusal(loopback, false).isPresent(), loopback);
        }
        // Still no private network, and no plain http elsewhere.
        assertTrue(EndpointUrls.refusal("http://partner.example/", true).isPresent());
        assertTrue(EndpointUrls.refusal("https://10.0.0.8/", true).isPresent());
    }

    @Test
    void resolvedAddressesAreCheckedToo() throws Exception {
        assertFalse(EndpointUrls.reachable(InetAddress.getByName("10.1.1.1"), true));
        assertFalse(EndpointUrls.reachable(InetAddress.getByName("127.0.0.1"), false));
        assertTrue(EndpointUrls.reachable(InetAddress.getByName("127.0.0.1"), true));
        assertTrue(EndpointUrls.reachable(InetAddress.getByName("203.0.113.9"), false));
    }

    @Test
    void pausesFollowTheScheduleThenRepeatItsLast() {
        RandomGenerator random = RandomGenerator.getDefault();
        assertEquals(Duration.ofSeconds(5), Backoff.pause(DEFAULT_BACKOFF, 1, 0, random));
        assertEquals(Duration.ofSeconds(30), Backoff.pause(DEFAULT_BACKOFF, 2, 0, random));
        assertEquals(Duration.ofHours(1), Backoff.pause(DEFAULT_BACKOFF, 6, 0, random));
        assertEquals(Duration.ofHours(2), Backoff.pause(DEFAULT_BACKOFF, 7, 0, random));
        assertEquals(Duration.ofHours(2), Backoff.pause(DEFAULT_BACKOFF, 500, 0, random));
        for (int i = 0; i < 1000; i++) {
            Duration jittered = Backoff.pause(DEFAULT_BACKOFF, 3, 0.2, random);
            assertTrue(jittered.compareTo(Duration.ofSeconds(96)) >= 0
                    && jittered.compareTo(Duration.ofSeconds(144)) <= 0, jittered.toString());
        }
    }

    @Test
    void withTheDefaultsADeliveryIsTriedEighteenTimesInItsDay() {
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        while (true) {
            Duration next = elapsed.plus(Backoff.pause(DEFAULT_BACKOFF, attempts, 0, RandomGenerator.getDefault()));
            if (next.compareTo(Duration.ofHours(24)) > 0) {
                break;
            }
            elapsed = next;
            attempts++;
        }
        // 0, 5 s, 35 s, 2 min 35 s, 12 min 35 s, 42 min 35 s, 1 h 42 min, then every 2 h until 23 h 42 min.
        assertEquals(18, attempts);
    }

    @Test
    void excerptsKeep200CharactersWithoutControls() {
        assertNull(ResponseExcerpt.clean(""));
        assertNull(ResponseExcerpt.clean("  \n"));
        assertEquals("line one  line two", ResponseExcerpt.clean("line one\r\nline two"));
        assertEquals(200, ResponseExcerpt.clean("é".repeat(500)).length());
        String emoji = ResponseExcerpt.clean("a" + "\uD83D\uDE00".repeat(150));
        assertTrue(emoji.length() <= 200 && !Character.isHighSurrogate(emoji.charAt(emoji.length() - 1)));
    }

    @Test
    void theBodyIsTypeTimestampAndData() throws Exception {
        JsonNode body = new ObjectMapper().readTree(Webhooks.body("order.placed", "{\"orderId\":\"A-1\"}"));
        assertEquals("order.placed", body.get("type").asText());
        assertEquals("A-1", body.at("/data/orderId").asText());
        assertTrue(body.has("timestamp"));
        assertThrows(IllegalArgumentException.class, () -> Webhooks.body("order.placed", "\"text\""));
        assertThrows(IllegalArgumentException.class, () -> Webhooks.body("order.placed", null));
    }

    @Test
    void eventTypesAreLowerCaseWordsWithDotsOrHyphens() {
        assertEquals(List.of("application.submitted", "top-up-request.answered"),
                WebhookEventTypes.of("application.submitted", "top-up-request.answered").names());
        for (String bad : List.of("Application.Submitted", "application..x", ".x", "a b", "x".repeat(101))) {
            assertThrows(IllegalArgumentException.class, () -> WebhookEventTypes.of(bad), bad);
        }
    }
}
