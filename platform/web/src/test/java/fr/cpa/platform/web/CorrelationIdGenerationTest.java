package fr.cpa.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CorrelationIdGenerationTest {

    @Test
    void newIdsAreDistinctVersion4Uuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = CorrelationId.newId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void aNirIsNeverTakenAsAnId() {
        assertNotEquals("185057511604218", CorrelationId.fromHeader("185057511604218"));
        assertEquals("trace-42", CorrelationId.fromHeader("trace-42"));
    }
}
