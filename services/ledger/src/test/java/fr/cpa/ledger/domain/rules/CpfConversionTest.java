package fr.cpa.ledger.domain.rules;

import static fr.cpa.ledger.domain.rules.Tables.BOOKS;
import static fr.cpa.ledger.domain.rules.Tables.amount;
import static fr.cpa.ledger.domain.rules.Tables.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpfConversionTest {

    private final CpfConversion conversion = new CpfConversion(BOOKS);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CPF_HOURS | 150h   | 2250€
            CPF_HOURS | 400h   | 6000€
            CPF_HOURS | 0h     | 0€
            CPF_HOURS | 12h04  | 181€
            CPF_HOURS | 10h01  | 150.25€
            DIF_HOURS | 120h   | 1800€
            DIF_HOURS | 85h30  | 1282.50€
            """)
    void hoursBecomeEurosAtFifteenEurosAnHour(HoursConversion.Kind kind, String hours, String euros) {
        HoursConversion c = conversion.convert(kind, minutes(hours));
        assertEquals(amount(euros).value(), c.centsIn());
        assertEquals(minutes(hours), c.minutesOut());
        assertEquals(LocalDate.of(2019, 1, 1), c.date());
        assertEquals(1500, c.rate().value());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            60h    | 720€
            20h    | 240€
            12h30  | 150€
            0h01   | 0.20€
            """)
    void cecHoursBecomeEurosAtTwelveEurosAnHour(String hours, String euros) {
        HoursConversion c = conversion.convert(HoursConversion.Kind.CEC_HOURS, minutes(hours));
        assertEquals(amount(euros).value(), c.centsIn());
        assertEquals(LocalDate.of(2019, 1, 1), c.date());
        assertEquals(1200, c.rate().value());
        assertTrue(c.explanation().contains("d'heures CEC"), c.explanation());
    }

    @Test
    void explanationAndSource() {
        HoursConversion cpf = conversion.convert(HoursConversion.Kind.CPF_HOURS, minutes("150h"));
        assertEquals("150 h d'heures CPF converties en 2 250 € le 01/01/2019 (15 € par heure)", cpf.explanation());
        assertTrue(cpf.rate().source().contains("décret n° 2018-1153"));
        HoursConversion dif = conversion.convert(HoursConversion.Kind.DIF_HOURS, minutes("120h"));
        assertEquals("120 h de DIF converties en 1 800 € le 01/01/2019 (15 € par heure)", dif.explanation());
        assertEquals("dif-hours-to-euros-rate", dif.rate().parameter());
    }

    @Test
    void difEntryOpenUntilJune2021() {
        assertTrue(conversion.difEntryOpenOn(LocalDate.of(2020, 12, 31)));
        assertTrue(conversion.difEntryOpenOn(LocalDate.of(2021, 6, 30)));
        assertFalse(conversion.difEntryOpenOn(LocalDate.of(2021, 7, 1)));
        assertFalse(conversion.difEntryOpenOn(LocalDate.of(2014, 12, 31)));
    }

    // Entering closed on 30 June 2021 (ordonnance 2019-861 art. 8, extended by loi 2020-1379); using has no deadline.
    @ParameterizedTest(name = "on {0}: closed on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-12-31 | -
            2020-06-15 | -
            2021-06-30 | -
            2021-07-01 | 2021-07-01
            2026-11-23 | 2021-07-01
            """)
    void theEndOfTheDifEntryIsDatedWithItsTexts(LocalDate date, String closed) {
        assertEquals(closed.equals("-") ? Optional.empty() : Optional.of(LocalDate.parse(closed)),
                conversion.difEntryClosedOn(date).map(c -> c.from()));
        conversion.difEntryClosedOn(date).ifPresent(c -> {
            assertEquals("ordonnance 2019-861 ; loi 2020-1379", c.law());
            assertTrue(c.source().contains("without a deadline"));
        });
    }

    @Test
    void difHoursAreCappedAt120Hours() {
        assertEquals(minutes("120h"), conversion.difMaximum(LocalDate.of(2020, 6, 15)).value());
        assertTrue(conversion.difMaximum(LocalDate.of(2015, 1, 1)).source().contains("L. 6323-5"));
    }
}
