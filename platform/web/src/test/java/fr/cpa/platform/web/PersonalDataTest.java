package fr.cpa.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void nirsWithOrWithoutKeyAndCorsicanNirsAreRedacted() {
        assertEquals("/api/x/***/y", PersonalData.redact("/api/x/185057511604218/y"));
        assertEquals("/api/x/***", PersonalData.redact("/api/x/1850575116042"));
        assertEquals("/api/***", PersonalData.redact("/api/285032A123456"));
        assertEquals("id=***&b", PersonalData.redact("id=185052B11604218&b"));
    }

    @Test
    void ordinaryValuesAreLeftAlone() {
        assertEquals("/api/ledger/accounts/42", PersonalData.redact("/api/ledger/accounts/42"));
        assertFalse(PersonalData.containsNirLike("5f0c6a7e-2b1d-4c3a-9e8f-123456789012"));
        assertFalse(PersonalData.containsNirLike("73282932000074".substring(0, 12)));
        assertTrue(PersonalData.containsNirLike("x185057511604218"));
    }
}
