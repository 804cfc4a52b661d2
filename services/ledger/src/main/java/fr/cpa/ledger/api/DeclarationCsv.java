package fr.cpa.ledger.api;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.cpa.ledger.api.DeclarationResource.ContractType;
import fr.cpa.ledger.api.DeclarationResource.DeclarationRequest;
import fr.cpa.ledger.domain.DeclarationBatches.Spool;
import fr.cpa.ledger.domain.Declarations.Exposure;
import fr.cpa.ledger.domain.rules.CppFactor;
import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.upload.LimitedBody;

/**
 * The declaration batch file, {@code text/csv} in UTF-8: a header line naming the columns, then one employee-year per
 * line with the fields of a single declaration, in this order:
 *
 * <pre>
 * nir,year,hoursWorked,referenceHours,contractType,lowQualified,cppExposures
 * 185057511604218,2025,1607,,PERMANENT,false,NIGHT_WORK:1|NIGHT_WORK:2
 * </pre>
 *
 * A public employer may add two columns, {@code publicServiceCategory} (A, B or C) and {@code reducedDurationPost}
 * ({@code true} for a post of reduced duration), as in a single declaration; another employer's lines giving them are
 * refused. Fields are separated by commas and may be enclosed in double quotes; hours have a decimal point; an empty
 * {@code referenceHours}, {@code cppExposures} or public field means none. Lines are numbered as a text editor does,
 * the header being line 1; blank lines are skipped. Each line is checked like a single declaration, and a bad line is
 * refused alone. The file is read as a stream: one line at a time is held.
 */
final class DeclarationCsv {

    static final List<String> COLUMNS = List.of("nir", "year", "hoursWorked", "referenceHours", "contractType",
            "lowQualified", "cppExposures");
    /** The columns a public employer may add after the usual ones. */
    static final List<String> PUBLIC_COLUMNS = Stream.concat(COLUMNS.stream(),
            Stream.of("publicServiceCategory", "reducedDurationPost")).toList();
    static final String HEADER = String.join(",", COLUMNS);
    static final int MAX_LINES = 1_000_000;
    /** Far above any real line (ten factors in four quarters is about 600 characters). */
    static final int MAX_LINE_LENGTH = 4_096;
    static final ProblemType BAD_FILE = ProblemType.of("bad-declaration-file", 400, "Unreadable declaration file");

    private static final int PUBLIC_CATEGORY = PUBLIC_COLUMNS.indexOf("publicServiceCategory");
    private static final int REDUCED_POST = PUBLIC_COLUMNS.indexOf("reducedDurationPost");
    private static final String CONTRACT_TYPES = Arrays.stream(ContractType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));
    private static final String FACTORS = Arrays.stream(CppFactor.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private DeclarationCsv() {
    }

    /**
     * Reads the file into the spool and answers its SHA-256. A file without the header or over {@link #MAX_LINES}
     * lines is refused whole (a problem is thrown), as is one over the limits of the {@link LimitedBody} it comes in.
     */
    static byte[] read(LimitedBody body, Spool spool, boolean publicEmployer, int currentYear) {
        MessageDigest sha256 = LimitedBody.sha256();
        try {
            Lines lines = new Lines(new InputStreamReader(new DigestInputStream(body, sha256), StandardCharsets.UTF_8));
            String header = lines.next();
            if (header == null) {
                throw new ProblemException(BAD_FILE, "The file is empty: its first line must be the header " + HEADER
                        + ".");
            }
            List<String> columns = lines.tooLong() ? List.of() : fields(header.replace("\uFEFF", ""));
            if (!columns.equals(COLUMNS) && !columns.equals(PUBLIC_COLUMNS)) {
                throw new ProblemException(BAD_FILE, "The first line must be the header " + HEADER
                        + " (these columns in this order), or " + String.join(",", PUBLIC_COLUMNS) + ".");
            }
            int count = 0;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank() && !lines.tooLong()) {
                    continue;
                }
                if (++count > MAX_LINES) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A batch holds at most " + MAX_LINES
                            + " declaration lines: split the file.");
                }
                if (lines.tooLong()) {
                    spool.reject(lines.number(), List.of(new FieldError(null,
                            "is longer than " + MAX_LINE_LENGTH + " characters")));
                    continue;
                }
                DeclarationValidation.Checked checked = check(line, columns, publicEmployer, currentYear);
                if (checked.declaration() != null) {
                    spool.accept(lines.number(), checked.declaration());
                } else {
                    spool.reject(lines.number(), checked.errors());
                }
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return sha256.digest();
    }

    /** The SHA-256 of a file, read to its end (within the limits of its body) without keeping it. */
    static byte[] sha256(LimitedBody body) {
        try {
            return LimitedBody.sha256(body, Long.MAX_VALUE);
        } catch (IOException e) {
            throw unreadable();
        }
    }

    /**
     * One line checked like a single declaration. A field that is not even of its type (a year that is no number)
     * gets that reason only, not also the rule's; reasons come in the order of the columns.
     */
    static DeclarationValidation.Checked check(String line, List<String> columns, boolean publicEmployer,
            int currentYear) {
        List<String> f = fields(line);
        if (f.size() != columns.size()) {
            return new DeclarationValidation.Checked(null, List.of(new FieldError(null,
                    "has " + f.size() + " fields where the header has " + columns.size())));
        }
        List<FieldError> errors = new ArrayList<>();
        Integer year = integer("year", f.get(1), errors);
        BigDecimal hours = hours("hoursWorked", f.get(2), errors);
        BigDecimal reference = hours("referenceHours", f.get(3), errors);
        ContractType contractType = contractType(f.get(4), errors);
        Boolean lowQualified = bool("lowQualified", f.get(5), errors);
        List<Exposure> exposures = exposures(f.get(6), errors);
        String category = f.size() > PUBLIC_CATEGORY && !f.get(PUBLIC_CATEGORY).isEmpty() ? f.get(PUBLIC_CATEGORY)
                : null;
        Boolean reduced = f.size() > REDUCED_POST && !f.get(REDUCED_POST).isEmpty()
                ? bool("reducedDurationPost", f.get(REDUCED_POST), errors) : null;
        if ((category != null || reduced != null) && !publicEmployer) {
            errors.add(new FieldError("publicServiceCategory",
                    "only a public employer declares an agent's category or post"));
        }
        DeclarationValidation.Checked checked = DeclarationValidation.check(new DeclarationRequest(
                f.get(0).isEmpty() ? null : f.get(0), year == null ? 0 : year, hours, reference, contractType,
                Boolean.TRUE.equals(lowQualified), exposures, category, reduced), currentYear);
        if (errors.isEmpty()) {
            return checked;
        }
        Set<String> mistyped = errors.stream().map(FieldError::field).collect(Collectors.toSet());
        checked.errors().stream().filter(e -> !mistyped.contains(e.field())).forEach(errors::add);
        errors.sort(Comparator.comparingInt(e -> PUBLIC_COLUMNS.indexOf(e.field().split("[.\\[]")[0])));
        return new DeclarationValidation.Checked(null, errors);
    }

    /** The fields of a line: comma-separated, each trimmed, optionally in double quotes ("" for a quote inside). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
    }

    private static Integer integer(String field, String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
    }

    private static BigDecimal hours(String field, String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Decimals.parse(text);
        } catch (InvalidDecimalException e) {
            errors.add(new FieldError(field,
                    e.reason("must be a number of hours with a decimal point, such as 803.55")));
            return null;
        }
    }

    private static ContractType contractType(String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return ContractType.valueOf(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("contractType", "must be one of " + CONTRACT_TYPES));
            return null;
        }
    }

    private static Boolean bool(String field, String text, List<FieldError> errors) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        errors.add(new FieldError(field, text.isEmpty() ? "is required" : "must be true or false"));
        return null;
    }

    /** FACTOR:QUARTER joined by '|'; a bad entry keeps its place, so the next ones keep their index. */
    private static List<Exposure> exposures(String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] entries = text.split("\\|", -1);
        List<Exposure> exposures = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            String field = "cppExposures[" + i + "]";
            String[] parts = entries[i].trim().split(":", -1);
            if (parts.length != 2) {
                errors.add(new FieldError(field, "must be FACTOR:QUARTER, such as NIGHT_WORK:1"));
                exposures.add(new Exposure(null, 0));
                continue;
            }
            CppFactor factor = null;
            try {
                factor = CppFactor.valueOf(parts[0].trim());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + ".factor", "must be one of " + FACTORS));
            }
            Integer quarter = integer(field + ".quarter", parts[1].trim(), errors);
            exposures.add(new Exposure(factor, quarter == null ? 0 : quarter));
        }
        return exposures;
    }

    private static ProblemException unreadable() {
        return new ProblemException(ProblemType.BAD_REQUEST, "The file could not be read to its end.");
    }


    /** The lines of a text, each cut at {@link #MAX_LINE_LENGTH} characters (the rest is read and dropped). */
    private static final class Lines {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int limit;
        private int number;
        private boolean tooLong;

        Lines(Reader in) {
            this.in = in;
        }

        /** The next line without its end (\n or \r\n), or null at the end of the text. */
        String next() throws IOException {
            line.setLength(0);
            tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = Math.max(in.read(buffer), 0);
                    position = 0;
                    if (limit == 0) {
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                char c = buffer[position++];
                any = true;
                if (c == '\n') {
                    break;
                }
                if (line.length() < MAX_LINE_LENGTH) {
                    line.append(c);
                } else {
                    tooLong = true;
                }
            }
            number++;
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            return line.toString();
        }

        int number() {
            return number;
        }

        boolean tooLong() {
            return tooLong;
        }
    }
}
