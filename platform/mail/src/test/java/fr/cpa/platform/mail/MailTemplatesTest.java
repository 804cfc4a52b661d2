package fr.cpa.platform.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    /** Not an enum: has no constants to list. */
    static final class LoneTemplate implements MailTemplate {

        @Override
        public String name() {
            return "PLAIN";
        }

        @Override
        public String subject() {
            return "";
        }

        @Override
        public String render(Map<String, String> parameters) {
            return "";
        }
    }

    @Test
    void placeholdersAreFilledByNameAndUnknownOnesStay() {
        assertEquals("Bonjour Camille, dossier 42 {missing}",
                MailTemplate.fill("Bonjour {name}, dossier {file} {missing}", Map.of("name", "Camille", "file", "42")));
    }

    @Test
    void templatesAreFoundByNameAcrossEnumsAndBeans() {
        MailTemplates merged = MailTemplates.merge(List.of(MailTemplates.of(TestMail.class),
                MailTemplates.of(ReminderTestMail.class)));
        assertEquals(List.of("APPLICATION_RECEIVED", "PLAIN", "REMINDER"), merged.names());
        assertEquals(ReminderTestMail.REMINDER, merged.byName("REMINDER").orElseThrow());
        assertTrue(merged.byName("UNKNOWN").isEmpty());
        assertTrue(merged.contains(TestMail.PLAIN));
        // Same name, another template: not one of these.
        assertFalse(merged.contains(UnlistedTestMail.PLAIN));
    }

    @Test
    void twoTemplatesOfOneNameAreRefused() {
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> MailTemplates.of(TestMail.class, UnlistedTestMail.class));
        assertTrue(clash.getMessage().contains("PLAIN"), clash.getMessage());
        assertThrows(IllegalStateException.class, () -> MailTemplates.merge(
                List.of(MailTemplates.of(TestMail.class), MailTemplates.of(UnlistedTestMail.class))));
        // Listing the same enum twice is no clash.
        assertEquals(2, MailTemplates.merge(List.of(MailTemplates.of(TestMail.class),
                MailTemplates.of(TestMail.class))).names().size());
    }

    @Test
    void onlyEnumsListTemplates() {
        assertThrows(IllegalArgumentException.class, () -> MailTemplates.of(LoneTemplate.class));
    }

    @Test
    void thePauseDoublesFromTheFirstUpToTheLongest() {
        Duration first = Duration.ofSeconds(10);
        Duration longest = Duration.ofHours(1);
        assertEquals(Duration.ofSeconds(10), MailSender.backoff(1, first, longest));
        assertEquals(Duration.ofSeconds(20), MailSender.backoff(2, first, longest));
        assertEquals(Duration.ofSeconds(2560), MailSender.backoff(9, first, longest));
        assertEquals(longest, MailSender.backoff(10, first, longest));
        assertEquals(longest, MailSender.backoff(1_000, first, longest));
    }

    @Test
    void withTheDefaultsAMailIsTriedThirtyTwoTimesInItsDay() {
        Duration first = Duration.ofSeconds(10);
        Duration longest = Duration.ofHours(1);
        Duration day = Duration.ofHours(24);
        Duration elapsed = Duration.ZERO;
        int attempts = 0;
        while (true) {
            attempts++;
            Duration next = elapsed.plus(MailSender.backoff(attempts, first, longest));
            if (next.compareTo(day) > 0) {
                break;
            }
            elapsed = next;
        }
        // 10 s, 20 s ... 2560 s, then hourly: the 32nd attempt is 23.4 hours after the first.
        assertEquals(32, attempts);
    }
}
