package fr.cpa.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String NIR = "185057511604218";

    @Test
    void theDemoPasswordsAreAcceptable() {
        assertTrue(PasswordPolicy.violations("Holder1-Pass123", NIR, "holder1@cpa.localhost").isEmpty());
        assertTrue(PasswordPolicy.violations("Éléonore2024", NIR, "e@x.fr").isEmpty(), "accented letters count");
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertEquals(List.of("must have at least 8 characters", "must contain at least 5 letters",
                "must contain at least 3 digits", "must contain an upper-case letter"),
                PasswordPolicy.violations("ab1", NIR, null));
        assertEquals(List.of("must contain a lower-case letter"), PasswordPolicy.violations("ABCDE123", NIR, null));
        assertEquals(List.of("must contain at least 5 letters"), PasswordPolicy.violations("Abcd12345", NIR, null));
        assertEquals(List.of("must contain at least 3 digits"), PasswordPolicy.violations("Abcdefg12", NIR, null));
    }

    @Test
    void neitherTheNirNorTheEmail() {
        assertEquals(List.of("must not contain your social security number"),
                PasswordPolicy.violations("Xx" + NIR + "abc", NIR, null));
        assertEquals(List.of("must not be your e-mail address"),
                PasswordPolicy.violations("Ab123cde@X.fr", NIR, "ab123cde@x.fr"));
    }
}
