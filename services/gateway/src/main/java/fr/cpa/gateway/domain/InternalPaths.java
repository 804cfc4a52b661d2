package fr.cpa.gateway.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paths under {@code /api} that are for the services only (identity's access checks were one): the gateway never
 * routes them, whatever the caller's token. A path covers itself and everything below it, compared as loosely as a
 * service might read the request — segment by segment, percent-decoded, in any case, without empty segments or
 * matrix parameters — so that no spelling of it gets through.
 */
public final class InternalPaths {

    private final List<List<String>> paths;

    public InternalPaths(List<String> paths) {
        this.paths = paths.stream().map(InternalPaths::segments).filter(s -> !s.isEmpty()).toList();
    }

    public boolean contains(String requestPath) {
        List<String> request = segments(requestPath);
        for (List<String> internal : paths) {
            if (request.size() >= internal.size() && request.subList(0, internal.size()).equals(internal)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : decode(path).split("/")) {
            int matrix = segment.indexOf(';');
            String name = (matrix < 0 ? segment : segment.substring(0, matrix)).trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                segments.add(name);
            }
        }
        return segments;
    }

    private static String decode(String path) {
        try {
            // A path's '+' is a plus sign, not a space.
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path; // a service refuses a malformed escape; the path is compared as sent
        }
    }
}
