package fr.cpa.platform.web.problem;

import java.util.regex.Pattern;

/**
 * Builds a client's property path ({@code items[2].amount}). Names taken from the request itself (an unknown
 * property, a map key) are shown only when they look like identifiers, so a NIR sent as a key is never echoed.
 */
final class FieldPaths {

    /** Stands for a name that is not shown. */
    static final String HIDDEN = "*";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]{0,63}");
    // A NIR, a phone or card number has many digits; an identifier has few.
    private static final int MAX_DIGITS = 4;

    private final StringBuilder path = new StringBuilder();

    FieldPaths property(String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(name);
        return this;
    }

    /** A property whose name comes from the client. */
    FieldPaths clientProperty(String name) {
        return property(shown(name));
    }

    FieldPaths index(int index) {
        path.append('[').append(index).append(']');
        return this;
    }

    FieldPaths clientKey(Object key) {
        path.append('[').append(key == null ? HIDDEN : shown(key.toString())).append(']');
        return this;
    }

    /** The path, or null when it is empty (the fault is the body as a whole). */
    String orNull() {
        return path.isEmpty() ? null : path.toString();
    }

    static String shown(String clientName) {
        return IDENTIFIER.matcher(clientName).matches() && clientName.chars().filter(Character::isDigit).count() <= MAX_DIGITS
                ? clientName
                : HIDDEN;
    }
}
