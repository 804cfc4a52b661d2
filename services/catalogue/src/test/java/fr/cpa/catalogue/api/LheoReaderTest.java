package fr.cpa.catalogue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.catalogue.domain.Modality;
import fr.cpa.catalogue.domain.Offers.Action;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;

/** The LHEO reader alone: mapping, schema errors, refused files. No service, no database. */
class LheoReaderTest {

    private static final LheoReader READER = new LheoReader(LheoReader.Lazy.SCHEMA, 12, false);

    static List<LheoReader.Formation> read(String resource) {
        try (InputStream in = LheoReaderTest.class.getResourceAsStream("/lheo/" + resource)) {
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<LheoReader.Formation> read(InputStream in) {
        List<LheoReader.Formation> formations = new ArrayList<>();
        READER.read(in, formations::add);
        return formations;
    }

    @Test
    void formationsAreMappedToOffers() {
        List<LheoReader.Formation> formations = read("offres-valides.xml");
        assertEquals(2, formations.size());
        LheoReader.Formation first = formations.get(0);
        assertEquals(List.of(), first.schemaErrors());
        assertEquals(List.of(), first.readErrors());
        assertEquals("RUN-accueil", first.numero());
        assertEquals(6, first.line());
        assertEquals(List.of("42752", "15234"), first.formacodes());
        assertEquals(List.of("G1101", "N2203"), first.romes());
        Offer offer = first.offer();
        assertEquals("Agent d'accueil des voyageurs — titre professionnel", offer.title());
        assertEquals("RNCP34001", offer.certificationCode());
        assertEquals("formation@littoral.example", offer.contact().email());
        assertEquals("Service formation", offer.contact().name());
        assertEquals("02 40 00 00 00", offer.contact().phone());
        Action action = offer.actions().get(0);
        assertEquals(420, action.durationHours());
        assertEquals(390_050L, action.priceCents());
        assertEquals(Modality.BLENDED, action.modality());
        assertEquals("Centre de Nantes", action.place().name());
        assertEquals("12 quai de la Fosse", action.place().street());
        assertEquals("52", action.place().regionCode());
        assertEquals(47.21, action.place().latitude());
        assertEquals(LocalDate.of(2027, 1, 11), action.sessions().get(0).startsOn());
        assertEquals(14, action.sessions().get(0).seats());
        assertEquals(12, action.sessions().get(1).seats(), "the default when the file gives no seats");
        assertEquals(false, action.sessions().get(1).inWorkingTime());

        Offer remote = formations.get(1).offer();
        assertEquals("RNCP34001", remote.certificationCode());
        assertEquals("distance@littoral.example", remote.contact().email(), "the organisation's contact");
        assertEquals(Modality.REMOTE, remote.actions().get(0).modality());
        assertNull(remote.actions().get(0).place());
        assertEquals(150, remote.actions().get(0).durationHours());
        assertEquals(125_000L, remote.actions().get(0).priceCents());
    }

    @Test
    void pricesAndCoordinatesBeyondADecimalsBoundsAreReadErrors() {
        // The schema bounds their length (10 and 30 characters), not their exponent.
        String text = new String(readAll("offres-valides.xml"), StandardCharsets.UTF_8)
                .replaceFirst("3900\\.50", "1e30000000").replaceFirst("47\\.2100", "4.721E-30000000");
        LheoReader.Formation first = read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).get(0);
        assertEquals(List.of(), first.schemaErrors());
        assertEquals(List.of(
                new FieldError("actions[0].priceCents",
                        "prix-total-TTC must be a decimal number with an exponent from -9 to 9, if any"),
                new FieldError("actions[0].place.latitude",
                        "must be a decimal number with an exponent from -9 to 9, if any")),
                first.readErrors());
    }

    @Test
    void theRealOnisepFileOfLheo22IsReadWithWhatItLacks() {
        List<LheoReader.Formation> formations = read("exemple-bts-onisep.xml");
        assertEquals(1, formations.size());
        LheoReader.Formation bts = formations.get(0);
        assertEquals(List.of(), bts.schemaErrors());
        assertEquals("9436_18706", bts.numero());
        assertEquals("RNCP474", bts.offer().certificationCode());
        assertEquals("ce.0290076a@ac-rennes.fr", bts.offer().contact().email());
        assertEquals(Modality.IN_PERSON, bts.offer().actions().get(0).modality());
        assertEquals("QUIMPERLÉ", bts.offer().actions().get(0).place().city());
        assertEquals(List.of("34582", "34076"), bts.formacodes());
        assertEquals(List.of(new FieldError("actions[0].durationHours",
                "no nombre-heures-total, and duree-indicative is not given in hours (as \"35 h\")")), bts.readErrors());
    }

    @Test
    void schemaErrorsInsideAFormationAreThatFormations() {
        List<LheoReader.Formation> formations = read("offres-en-partie-invalides.xml");
        assertEquals(4, formations.size());
        assertEquals(List.of(), formations.get(0).schemaErrors());
        assertEquals(List.of(), formations.get(1).schemaErrors());
        List<FieldError> schema = formations.get(2).schemaErrors();
        assertTrue(!schema.isEmpty(), schema::toString);
        assertEquals("action[1]/modalites-enseignement", schema.get(0).field());
        assertTrue(schema.get(0).reason().startsWith("line "), schema.get(0).reason());
        assertTrue(!schema.get(0).reason().contains("'7'"), "the value sent is not quoted");
        assertNull(formations.get(3).numero());
        assertTrue(schema.get(0).reason().startsWith("line 232: cvc-enumeration-valid: the value is not facet-valid"),
                schema.get(0).reason());
    }

    @Test
    void refusedFiles() {
        for (String file : List.of("xxe.xml", "billion-laughs.xml", "hors-schema.xml", "mal-forme.xml")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> read(file), file);
            assertEquals("invalid-lheo-file", refused.type().slug(), file);
            assertTrue(refused.detail().contains("line "), refused.detail());
            assertTrue(refused.errors().get(0).field().startsWith("line "), file);
        }
    }

    @Test
    void aLargeFileIsReadAsAStream() {
        String text = new String(readAll("offres-valides.xml"), StandardCharsets.UTF_8);
        int start = text.indexOf("<formation numero=\"RUN-accueil\">");
        int end = text.indexOf("</formation>") + "</formation>".length();
        byte[] head = text.substring(0, start).getBytes(StandardCharsets.UTF_8);
        byte[] formation = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(text.lastIndexOf("</offres>")).getBytes(StandardCharsets.UTF_8);
        int copies = 20_000; // about 75 MB
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream(head));
        for (int i = 0; i < copies; i++) {
            parts.add(new ByteArrayInputStream(formation));
        }
        parts.add(new ByteArrayInputStream(tail));
        int[] count = { 0 };
        READER.read(new SequenceInputStream(Collections.enumeration(parts)), f -> count[0]++);
        assertEquals(copies, count[0]);
    }

    private static byte[] readAll(String resource) {
        try (InputStream in = LheoReaderTest.class.getResourceAsStream("/lheo/" + resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
