package fr.cpa.platform.web;

import java.util.regex.Pattern;

/**
 * Keeps social security numbers (NIR, or the temporary NIA) out of what the platform writes back or logs: any
 * text that comes from a client and is echoed — a path, a correlation id — goes through {@link #redact}.
 */
public final class PersonalData {

    // Sex and birth year and month (5 digits), department (2 digits, or 2A/2B for Corsica), commune and order
    // (6 digits), optionally the 2-digit key: the shape of a NIR, whatever its key.
    private static final Pattern NIR_LIKE = Pattern.compile("[0-9]{5}(?:[0-9]{2}|2[ABab])[0-9]{6}(?:[0-9]{2})?");

    private PersonalData() {
    }

    public static boolean containsNirLike(String text) {
        return text != null && NIR_LIKE.matcher(text).find();
    }

    /** The text with every NIR-like run replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : NIR_LIKE.matcher(text).replaceAll("***");
    }
}
