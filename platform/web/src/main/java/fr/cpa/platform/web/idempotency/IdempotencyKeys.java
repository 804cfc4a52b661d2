package fr.cpa.platform.web.idempotency;

import java.util.List;
import java.util.regex.Pattern;

import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** What an Idempotency-Key may be: 1 to 128 visible ASCII characters, for {@link Idempotent} and streamed uploads. */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    static final FieldError MALFORMED = new FieldError(Idempotent.KEY_HEADER,
            "must be 1 to 128 visible ASCII characters");

    private IdempotencyKeys() {
    }

    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * For a streamed upload, which keeps its own record of keys since {@link Idempotent} would read the whole body
     * into memory: an absent key is fine, a malformed one a 400 problem.
     */
    public static void checkOptional(String key) {
        if (key != null && !isValid(key)) {
            throw new ProblemException(ProblemType.VALIDATION, "The Idempotency-Key header is invalid.",
                    List.of(MALFORMED));
        }
    }
}
