package fr.cpa.platform.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RuleBookTest {

    private static RuleBook book(String json) throws Exception {
        return RuleBook.parse("test", new ObjectMapper().readTree(json));
    }

    private static final String CEILING = """
            {"ceiling": {"description": "d", "unit": "eurocents", "values": [
              {"from": "2019-01-01", "value": 500000, "source": "A"},
              {"from": "2030-01-01", "value": 600000, "source": "B, in full", "law": "B"},
              {"from": "2040-01-01", "value": null, "source": "repealed"}]}}""";

    @Test
    void theValueInForceOnADateIsTheLastOneStartedByThen() throws Exception {
        RuleBook book = book(CEILING);
        assertEquals(500000, book.valueAt("ceiling", LocalDate.of(2019, 1, 1)));
        assertEquals(500000, book.valueAt("ceiling", LocalDate.of(2029, 12, 31)));
        RuleBook.DatedValue later = book.at("ceiling", LocalDate.of(2030, 1, 1));
        assertEquals(600000, later.value());
        assertEquals("B, in full", later.source());
        assertEquals("B", later.law());
        assertNull(book.at("ceiling", LocalDate.of(2019, 1, 1)).law());
        assertEquals("eurocents", later.unit());
    }

    @Test
    void beforeTheFirstValueOrAfterRepealNothingIsInForce() throws Exception {
        RuleBook book = book(CEILING);
        assertTrue(book.parameter("ceiling").at(LocalDate.of(2018, 12, 31)).isEmpty());
        assertTrue(book.parameter("ceiling").at(LocalDate.of(2041, 1, 1)).isEmpty());
        assertThrows(IllegalStateException.class, () -> book.valueAt("ceiling", LocalDate.of(2018, 12, 31)));
        assertEquals(2, book.parameter("ceiling").values().size());
    }

    @Test
    void theEndOfForceIsTheDateOfTheNullValue() throws Exception {
        RuleBook.Parameter ceiling = book(CEILING).parameter("ceiling");
        assertEquals(LocalDate.of(2040, 1, 1), ceiling.endedOn(LocalDate.of(2041, 6, 1)).orElseThrow());
        assertTrue(ceiling.endedOn(LocalDate.of(2039, 12, 31)).isEmpty());
        assertTrue(ceiling.endedOn(LocalDate.of(2018, 12, 31)).isEmpty());
        assertEquals("repealed", ceiling.closing(LocalDate.of(2041, 6, 1)).orElseThrow().source());
        assertTrue(ceiling.closing(LocalDate.of(2039, 12, 31)).isEmpty());
    }

    @Test
    void malformedBooksAreRefusedWhole() {
        assertThrows(IllegalArgumentException.class, () -> book("""
                {"p": {"description": "d", "unit": "u", "values": [{"from": "2019-01-01", "value": 1.5, "source": "s"}]}}"""));
        assertThrows(IllegalArgumentException.class, () -> book("""
                {"p": {"description": "d", "unit": "u", "values": [{"from": "2019-01-01", "value": 1}]}}"""));
        assertThrows(IllegalArgumentException.class, () -> book("""
                {"p": {"description": "d", "unit": "u", "values": [
                  {"from": "2020-01-01", "value": 1, "source": "s"}, {"from": "2019-01-01", "value": 2, "source": "s"}]}}"""));
        assertThrows(IllegalArgumentException.class, () -> book("""
                {"p": {"description": "d", "unit": "u", "values": [
                  {"from": "2019-01-01", "value": 1, "source": "s", "law": " "}]}}"""));
        assertThrows(IllegalArgumentException.class, () -> book("{}"));
        assertThrows(IllegalArgumentException.class, () -> book(CEILING).parameter("unknown"));
    }

    @Test
    void theAccountsBookGivesTheOpeningAges() {
        RuleBook accounts = RuleBook.load("rules/accounts.json");
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertEquals(16, accounts.valueAt("account-opening-age", today));
        assertEquals(15, accounts.valueAt("account-opening-age-apprentice", today));
        assertTrue(accounts.at("account-opening-age", today).source().contains("L. 5151-2"));
    }

    @Test
    void theHolderContributionIsDatedFromMay2024() {
        assertTrue(HolderContribution.inForce(LocalDate.of(2024, 5, 1)).isEmpty());
        assertEquals(10000, HolderContribution.inForce(LocalDate.of(2024, 5, 2)).orElseThrow().value());
        assertEquals(10223, HolderContribution.inForce(LocalDate.of(2025, 6, 1)).orElseThrow().value());
        assertEquals(10320, HolderContribution.inForce(LocalDate.of(2026, 12, 7)).orElseThrow().value());
        assertTrue(HolderContribution.inForce(LocalDate.of(2026, 12, 7)).orElseThrow().law().startsWith("L. 6323-4"));
    }
}
