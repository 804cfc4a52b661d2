package fr.cpa.platform.web.problem;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import fr.cpa.platform.web.input.InvalidDecimalException;

/**
 * Explains why a JSON body could not be read, from Jackson's exceptions, without ever quoting the body: Jackson's
 * own messages do quote it, so only the location, the property path and the expected type are used.
 */
@ApplicationScoped
class JsonProblems {

    private final ObjectMapper mapper;

    @Inject
    JsonProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The problem, or null when the exception is the server's fault (a type Jackson cannot handle). */
    ProblemException explain(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            return null;
        }
        if (e instanceof StreamConstraintsException) {
            return new ProblemException(ProblemType.MALFORMED_BODY,
                    "The request body exceeds the limits on JSON nesting depth, number or string length.");
        }
        if (e instanceof InputCoercionException coercion) {
            return invalid(parserPath(coercion), "is out of range for " + describe(coercion.getTargetType()));
        }
        if (e instanceof JsonEOFException) {
            return new ProblemException(ProblemType.MALFORMED_BODY, "The request body ends before its JSON is complete.");
        }
        if (e instanceof StreamReadException read) {
            return new ProblemException(ProblemType.MALFORMED_BODY,
                    "The request body is not well-formed JSON" + at(read.getLocation()) + ".");
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping.getPath());
            if (field == null && mapping instanceof MismatchedInputException mismatch) {
                // The body as a whole: another JSON type, or more than one value.
                return new ProblemException(ProblemType.MALFORMED_BODY,
                        "The request body must be a single JSON value: " + describe(mismatch.getTargetType()) + ".");
            }
            return invalid(field, reason(mapping));
        }
        return new ProblemException(ProblemType.MALFORMED_BODY);
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(ProblemType.VALIDATION, ProblemType.VALIDATION.detail(),
                List.of(new FieldError(field, reason)));
    }

    private String reason(JsonMappingException e) {
        if (e.getCause() instanceof InvalidDecimalException decimal) {
            return decimal.reason();
        }
        if (e instanceof PropertyBindingException) {
            return "is not a property of this resource";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidTypeIdException) {
            return "has a missing or unknown type";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) e).getTargetType();
            return target == null ? "has the wrong JSON type" : "must be " + describe(target);
        }
        return "is invalid";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        FieldPaths path = new FieldPaths();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.index(reference.getIndex());
            } else if (reference.getFieldName() != null) {
                path.clientProperty(reference.getFieldName());
            }
        }
        return path.orNull();
    }

    /** Where the parser stood when it failed. */
    private static String parserPath(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null) {
            return null;
        }
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            chain.push(context);
        }
        FieldPaths path = new FieldPaths();
        for (JsonStreamContext context : chain) {
            if (context.inArray()) {
                path.index(Math.max(0, context.getCurrentIndex()));
            } else if (context.getCurrentName() != null) {
                path.clientProperty(context.getCurrentName());
            }
        }
        return path.orNull();
    }

    private String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(c -> mapper.valueToTree(c).asText())
                    .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == LocalDateTime.class) {
            return "a date and time (YYYY-MM-DDThh:mm:ss)";
        }
        if (type == LocalTime.class) {
            return "a time (hh:mm:ss)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "a date and time with its offset (RFC 3339)";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "a date or time in ISO 8601 format";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
