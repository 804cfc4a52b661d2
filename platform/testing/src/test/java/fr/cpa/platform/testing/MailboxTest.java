package fr.cpa.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void aMailSentToTheSinkCanBeAwaitedAndRead() throws IOException {
        String to = "someone-" + UUID.randomUUID() + "@cpa.localhost";
        assertTrue(Mailbox.messagesFor(to).isEmpty());

        sendSmtp("noreply@cpa.localhost", to, "Validez votre adresse", "Cliquez sur le lien.");

        Mailbox.Mail mail = Mailbox.await(to, m -> m.subject().startsWith("Validez"), Duration.ofSeconds(10));
        assertEquals("Validez votre adresse", mail.subject());
        assertEquals("noreply@cpa.localhost", mail.header("From"));
        assertTrue(mail.mime().contains("Cliquez sur le lien."));
    }

    /** A minimal SMTP conversation, so the test depends on nothing but the sink itself. */
    @Test
    void theTextOfAMailIsDecodedFromItsTransferEncoding() {
        String qp = "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Cr=C3=A9ez votre espace : https://x/validation?token=3DAbc_-=\r\ndef\r\n";
        assertEquals("Créez votre espace : https://x/validation?token=Abc_-def\r\n",
                new Mailbox.Mail("x", "a@b", qp).text());
        String b64 = "Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString("Adresse électronique".getBytes(
                        StandardCharsets.UTF_8)) + "\r\n";
        assertEquals("Adresse électronique", new Mailbox.Mail("x", "a@b", b64).text());
    }

    private static void sendSmtp(String from, String to, String subject, String body) throws IOException {
        LocalStack.ensureUp();
        try (Socket socket = new Socket("127.0.0.1", 3025);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
            expect(in, "220");
            for (String[] step : new String[][] {{"HELO test", "250"}, {"MAIL FROM:<" + from + ">", "250"},
                    {"RCPT TO:<" + to + ">", "250"}, {"DATA", "354"}}) {
                out.write(step[0] + "\r\n");
                out.flush();
                expect(in, step[1]);
            }
            out.write("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n.\r\n");
            out.flush();
            expect(in, "250");
            out.write("QUIT\r\n");
            out.flush();
        }
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        if (line == null || !line.startsWith(code)) {
            throw new IOException("SMTP sink answered " + line + ", expected " + code);
        }
    }
}
