package fr.cpa.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class InternalPathsTest {

    private final InternalPaths internal = new InternalPaths(List.of("/api/identity/access-checks"));

    @Test
    void thePathAndWhatIsBelowItAreInternal() {
        assertTrue(internal.contains("/api/identity/access-checks"));
        assertTrue(internal.contains("/api/identity/access-checks/"));
        assertTrue(internal.contains("/api/identity/access-checks/batch"));
    }

    @Test
    void everySpellingOfThePathIsInternal() {
        assertTrue(internal.contains("/api/identity//access-checks"));
        assertTrue(internal.contains("/api/identity/Access-Checks"));
        assertTrue(internal.contains("/api/identity/access-checks;v=1"));
        assertTrue(internal.contains("/api/identity;x=y/access-checks"));
        assertTrue(internal.contains("/api/identity/access%2Dchecks"));
        assertTrue(internal.contains("/api/identity%2Faccess-checks"));
    }

    @Test
    void otherPathsAreNot() {
        assertFalse(internal.contains("/api/identity/access-checks-log"));
        assertFalse(internal.contains("/api/identity/me/access-log"));
        assertFalse(internal.contains("/api/identity"));
        assertFalse(internal.contains("/api/ledger/access-checks"));
        assertFalse(internal.contains("/api/identity/access-checks%zz"));
        assertFalse(new InternalPaths(List.of()).contains("/api/identity/access-checks"));
    }
}
