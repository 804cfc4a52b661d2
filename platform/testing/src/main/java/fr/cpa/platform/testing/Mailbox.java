package fr.cpa.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The mails the SMTP sink received, read through its HTTP API. */
public final class Mailbox {

    /** One received mail; {@code mime} is the whole message (headers and body) as the sink received it. */
    public record Mail(String subject, String to, String mime) {

        /**
         * The text of a single-part message, its transfer encoding (quoted-printable or base64) undone and read as
         * UTF-8: what the recipient reads, links included.
         */
        public String text() {
            int end = mime.indexOf("\r\n\r\n");
            int bodyStart = end < 0 ? mime.indexOf("\n\n") + 2 : end + 4;
            String body = mime.substring(Math.max(bodyStart, 0));
            String encoding = String.valueOf(header("Content-Transfer-Encoding")).toLowerCase(java.util.Locale.ROOT);
            byte[] bytes;
            if (encoding.equals("base64")) {
                bytes = java.util.Base64.getMimeDecoder().decode(body.trim());
            } else if (encoding.equals("quoted-printable")) {
                bytes = quotedPrintable(body);
            } else {
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private static byte[] quotedPrintable(String body) {
            String joined = body.replaceAll("=\r?\n", "");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length()
                        && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                    out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toByteArray();
        }

        private static boolean isHex(char c) {
            return Character.digit(c, 16) >= 0;
        }

        /** The value of a header of the message, or null. */
        public String header(String name) {
            for (String line : mime.split("\r?\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mailbox() {
    }

    public static List<Mail> messagesFor(String address) {
        LocalStack.ensureUp();
        String path = "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(LocalStack.MAIL_API_URL + path)).GET());
        List<Mail> mails = new ArrayList<>();
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return mails; // the sink knows no such address yet: nothing was sent to it
        }
        try {
            for (JsonNode m : JSON.readTree(response.body())) {
                mails.add(new Mail(m.path("subject").asText(), address, m.path("mimeMessage").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("unexpected answer from the mail sink: " + response.statusCode(), e);
        }
        return mails;
    }

    /** Waits for a mail to {@code address} that matches, or fails after {@code timeout}. */
    public static Mail await(String address, Predicate<Mail> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Mail> mail = messagesFor(address).stream().filter(matching).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            sleep(200);
        }
        throw new AssertionError("no matching mail to " + address + " within " + timeout);
    }

    /** Empties every mailbox of the sink. */
    public static void purge() {
        LocalStack.ensureUp();
        send(HttpRequest.newBuilder(URI.create(LocalStack.MAIL_API_URL + "/api/mail/purge"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("mail sink unreachable at " + LocalStack.MAIL_API_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
