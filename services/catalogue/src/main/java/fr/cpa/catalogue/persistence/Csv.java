package fr.cpa.catalogue.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a reference CSV file: values quoted or not, a quote inside a quoted value doubled, line breaks allowed
 * inside quotes (the RNCP register has titles over several lines). The header row is skipped.
 */
final class Csv {

    private Csv() {
    }

    static List<String[]> read(InputStream in, char separator) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> row = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            boolean header = true;
            int c;
            while ((c = reader.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        reader.mark(1);
                        if (reader.read() == '"') {
                            value.append('"');
                        } else {
                            reader.reset();
                            quoted = false;
                        }
                    } else {
                        value.append((char) c);
                    }
                } else if (c == '"' && value.isEmpty()) {
                    quoted = true;
                } else if (c == separator) {
                    row.add(value.toString());
                    value.setLength(0);
                } else if (c == '\n') {
                    row.add(value.toString());
                    value.setLength(0);
                    if (!header) {
                        rows.add(row.toArray(String[]::new));
                    }
                    header = false;
                    row.clear();
                } else if (c != '\r') {
                    value.append((char) c);
                }
            }
            if (!value.isEmpty() || !row.isEmpty()) {
                row.add(value.toString());
                rows.add(row.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
