package fr.cpa.platform.web.paging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RFC 8288 {@code Link} header of a page: first, prev, next and last. Targets are query-only references
 * ({@code <?status=open&page=2&size=20>}), resolved by the client against the URI it called, so they stay right
 * behind the gateway whatever host and path prefix it exposes. The request's other query parameters are kept.
 */
public final class PageLinks {

    public static final String HEADER = "Link";

    // RFC 3986 unreserved and reserved characters, and '%' of the encodings already there.
    private static final String URI_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

    private PageLinks() {
    }

    /** The header value for this page of the listing at {@code requestUri}. */
    public static String header(URI requestUri, Page<?> page) {
        String otherParameters = otherParameters(requestUri.getRawQuery());
        int last = Math.max(0, page.totalPages() - 1);
        List<String> links = new ArrayList<>();
        links.add(link(otherParameters, 0, page.size(), "first"));
        if (page.page() > 0) {
            links.add(link(otherParameters, Math.min(page.page() - 1, last), page.size(), "prev"));
        }
        if (page.page() < last) {
            links.add(link(otherParameters, page.page() + 1, page.size(), "next"));
        }
        links.add(link(otherParameters, last, page.size(), "last"));
        return String.join(", ", links);
    }

    private static String link(String otherParameters, int page, int size, String rel) {
        return "<?" + otherParameters + PageRequest.PAGE + "=" + page + "&" + PageRequest.SIZE + "=" + size
                + ">; rel=\"" + rel + "\"";
    }

    /** The raw query without page and size, ending with '&' when not empty. */
    private static String otherParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        String kept = Arrays.stream(rawQuery.split("&"))
                .filter(p -> !p.isEmpty() && !isPaging(p))
                .map(PageLinks::uriSafe)
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? "" : kept + "&";
    }

    // A raw query may hold characters a URI (and so the header's <...>) cannot: percent-encode them.
    private static String uriSafe(String parameter) {
        StringBuilder safe = new StringBuilder();
        for (byte b : parameter.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && URI_CHARACTERS.indexOf(c) >= 0) {
                safe.append(c);
            } else {
                safe.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return safe.toString();
    }

    private static boolean isPaging(String parameter) {
        String name = parameter.split("=", 2)[0];
        return name.equals(PageRequest.PAGE) || name.equals(PageRequest.SIZE);
    }
}
