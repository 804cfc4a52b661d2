package fr.cpa.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for tests that drive the real Keycloak login pages: it keeps cookies, follows redirects and
 * reads the few HTML elements the login pages are made of (forms, links, error messages). No JavaScript: Keycloak's
 * pages work without it.
 *
 * <p>It keeps its own cookie jar because Keycloak marks its cookies {@code Secure} even on http://localhost, which
 * {@link java.net.CookieManager} then never sends back over http, whereas browsers do for localhost. Cookies are kept
 * per host and path: both realms live on the same host with cookies of the same names (AUTH_SESSION_ID...), told
 * apart only by their path.
 *
 * <p>Redirects are followed by hand so that a redirect to the application (nothing listens on the SPA's URL) ends the
 * navigation: see {@link #stopRedirectsAt(String)}. Not thread-safe: one browser per test flow.
 */
public final class Browser {

    private static final int MAX_REDIRECTS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /** host -> cookies of that host; a cookie is identified by its path and name. */
    private final Map<String, List<Cookie>> jar = new LinkedHashMap<>();
    private final List<String> stopPrefixes = new ArrayList<>();

    /**
     * Redirects to a URL starting with {@code uriPrefix} are not followed: the page returned is that redirect, whose
     * {@link Page#uri()} is the target (for example the SPA's callback, carrying the authorization code).
     */
    public Browser stopRedirectsAt(String uriPrefix) {
        stopPrefixes.add(uriPrefix);
        return this;
    }

    public Page get(String url) {
        return navigate("GET", URI.create(url), null);
    }

    /** Submits the form as it is (see {@link Form#with(String, String)} to fill it), following the redirects. */
    public Page submit(Form form) {
        if ("get".equalsIgnoreCase(form.method())) {
            String query = encode(form.fields());
            String action = form.action().toString();
            String separator = action.contains("?") ? "&" : "?";
            return navigate("GET", URI.create(query.isEmpty() ? action : action + separator + query), null);
        }
        return navigate("POST", form.action(), encode(form.fields()));
    }

    public Page click(Link link) {
        return navigate("GET", link.href(), null);
    }

    /** The value of a cookie the browser would send to {@code url}, or empty. */
    public Optional<String> cookie(String url, String name) {
        URI uri = URI.create(url);
        return cookiesFor(uri).stream().filter(c -> c.name.equals(name)).map(c -> c.value).findFirst();
    }

    /** Forgets every cookie: the next login starts without any session. */
    public void clearCookies() {
        jar.clear();
    }

    private Page navigate(String method, URI uri, String formBody) {
        URI current = uri;
        String currentMethod = method;
        String body = formBody;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = send(currentMethod, current, body);
            storeCookies(current, response);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status < 300 || status >= 400 || location.isEmpty()) {
                return new Page(status, current, response.body());
            }
            URI next = current.resolve(location.get().trim());
            if (stopPrefixes.stream().anyMatch(p -> next.toString().startsWith(p))) {
                return new Page(status, next, "");
            }
            // As browsers do: 307 and 308 repeat the request, the other redirects become a GET.
            if (status != 307 && status != 308) {
                currentMethod = "GET";
                body = null;
            }
            current = next;
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects from " + uri.getPath());
    }

    private HttpResponse<String> send(String method, URI uri, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("User-Agent", "cpa-tests-browser")
                .header("Accept", "text/html,application/xhtml+xml,*/*");
        String cookieHeader = cookiesFor(uri).stream()
                .map(c -> c.name + "=" + c.value)
                .collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody == null ? "" : formBody));
        } else {
            request.GET();
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: " + uri.getScheme() + "://" + uri.getAuthority(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- cookies

    private static final class Cookie {
        final String name;
        final String value;
        final String path;
        final Instant expires; // null: a session cookie

        Cookie(String name, String value, String path, Instant expires) {
            this.name = name;
            this.value = value;
            this.path = path;
            this.expires = expires;
        }

        boolean expired(Instant now) {
            return expires != null && !expires.isAfter(now);
        }
    }

    private static final DateTimeFormatter NETSCAPE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.US);

    private void storeCookies(URI uri, HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Cookie cookie = parseSetCookie(header, uri);
            if (cookie == null) {
                continue;
            }
            List<Cookie> cookies = jar.computeIfAbsent(host(uri), h -> new ArrayList<>());
            cookies.removeIf(c -> c.name.equals(cookie.name) && c.path.equals(cookie.path));
            if (!cookie.expired(Instant.now())) {
                cookies.add(cookie);
            }
        }
    }

    /** Cookies to send to {@code uri}: longest path first, as RFC 6265 orders them. The Secure flag is ignored. */
    private List<Cookie> cookiesFor(URI uri) {
        List<Cookie> cookies = jar.get(host(uri));
        if (cookies == null) {
            return List.of();
        }
        Instant now = Instant.now();
        cookies.removeIf(c -> c.expired(now));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return cookies.stream()
                .filter(c -> pathMatches(path, c.path))
                .sorted(Comparator.comparingInt((Cookie c) -> c.path.length()).reversed())
                .toList();
    }

    static Cookie parseSetCookie(String header, URI uri) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = null;
        Instant expires = null;
        Instant maxAgeExpiry = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String attributeValue = aeq < 0 ? "" : attribute.substring(aeq + 1).trim();
            switch (key) {
                case "path" -> path = attributeValue.startsWith("/") ? attributeValue : null;
                case "max-age" -> {
                    try {
                        maxAgeExpiry = Instant.now().plusSeconds(Long.parseLong(attributeValue));
                    } catch (NumberFormatException e) {
                        // ignored, as browsers do with a malformed attribute
                    }
                }
                case "expires" -> expires = parseDate(attributeValue);
                default -> {
                    // Secure, HttpOnly, SameSite, Version, Domain: irrelevant for a test browser on one host
                }
            }
        }
        if (path == null) {
            path = defaultPath(uri);
        }
        return new Cookie(name, value, path, maxAgeExpiry != null ? maxAgeExpiry : expires);
    }

    private static Instant parseDate(String value) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, NETSCAPE_DATE)) {
            try {
                return ZonedDateTime.parse(value, format).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    /** RFC 6265 5.1.4: the request path up to its last slash. */
    private static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ---- pages

    /**
     * What the browser ended on: an HTML page, or the redirect it was told to stop at (then {@link #uri()} is the
     * redirect's target and the body is empty).
     */
    public static final class Page {

        private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern HEADING = Pattern.compile("<h1\\b[^>]*\\bid=\"kc-page-title\"[^>]*>(.*?)</h1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern FIELD = Pattern.compile("<(input|select|textarea|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
        private static final Pattern LINK = Pattern.compile("<a\\b([^>]*)>(.*?)</a>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern FEEDBACK = Pattern.compile(
                "<(span|div|p)\\b[^>]*\\bclass=\"[^\"]*\\bkc-feedback-text\\b[^\"]*\"[^>]*>(.*?)</\\1>",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern ERROR_MESSAGE = Pattern.compile("<div\\b[^>]*\\bid=\"kc-error-message\"[^>]*>(.*?)</div>",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

        private final int status;
        private final URI uri;
        private final String body;

        Page(int status, URI uri, String body) {
            this.status = status;
            this.uri = uri;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** The page's address, or the target of the redirect the browser stopped at. */
        public URI uri() {
            return uri;
        }

        public String body() {
            return body;
        }

        /** True when this is a redirect to a URL starting with {@code uriPrefix} (one the browser stopped at). */
        public boolean isRedirectTo(String uriPrefix) {
            return status >= 300 && status < 400 && uri.toString().startsWith(uriPrefix);
        }

        /** A query parameter of {@link #uri()}, decoded, or empty. */
        public Optional<String> queryParameter(String name) {
            String query = uri.getRawQuery();
            if (query == null) {
                return Optional.empty();
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        }

        public String title() {
            Matcher m = TITLE.matcher(body);
            return m.find() ? text(m.group(1)) : "";
        }

        /** The heading of a Keycloak page ("Se connecter à votre compte", "Mettre à jour le compte"...), or "". */
        public String heading() {
            Matcher m = HEADING.matcher(body);
            return m.find() ? text(m.group(1)) : "";
        }

        /** The message Keycloak shows on the page (field error, alert, or error page), if any. */
        public Optional<String> error() {
            List<String> messages = new ArrayList<>();
            Matcher m = FEEDBACK.matcher(body);
            while (m.find()) {
                String text = text(m.group(2));
                if (!text.isEmpty() && !messages.contains(text)) {
                    messages.add(text);
                }
            }
            if (messages.isEmpty()) {
                Matcher e = ERROR_MESSAGE.matcher(body);
                if (e.find() && !text(e.group(1)).isEmpty()) {
                    messages.add(text(e.group(1)));
                }
            }
            return messages.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", messages));
        }

        public List<Form> forms() {
            List<Form> forms = new ArrayList<>();
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                Map<String, String> attributes = attributes(m.group(1));
                String action = attributes.getOrDefault("action", "");
                URI actionUri = action.isEmpty() ? uri : uri.resolve(action);
                String method = attributes.getOrDefault("method", "get");
                forms.add(new Form(attributes.get("id"), actionUri, method, fields(m.group(2))));
            }
            return forms;
        }

        /** The form with this id (Keycloak's login form is {@code kc-form-login}). */
        public Optional<Form> form(String id) {
            return forms().stream().filter(f -> id.equals(f.id())).findFirst();
        }

        /** The page's login form: {@code kc-form-login} when there is one, else the only form of the page. */
        public Form loginForm() {
            List<Form> forms = forms();
            return forms.stream().filter(f -> "kc-form-login".equals(f.id())).findFirst()
                    .or(() -> forms.size() == 1 ? Optional.of(forms.get(0)) : Optional.empty())
                    .orElseThrow(() -> new AssertionError("no login form on " + describe()));
        }

        public List<Link> links() {
            List<Link> links = new ArrayList<>();
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                Map<String, String> attributes = attributes(m.group(1));
                String href = attributes.get("href");
                if (href == null || href.isEmpty() || href.startsWith("#") || href.startsWith("javascript:")) {
                    continue;
                }
                links.add(new Link(attributes.get("id"), text(m.group(2)), uri.resolve(href)));
            }
            return links;
        }

        /** The link whose id is {@code idOrText}, else the first whose visible text contains it (ignoring case). */
        public Optional<Link> link(String idOrText) {
            List<Link> links = links();
            Optional<Link> byId = links.stream().filter(l -> idOrText.equals(l.id())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
            String wanted = idOrText.toLowerCase(Locale.ROOT);
            return links.stream().filter(l -> l.text().toLowerCase(Locale.ROOT).contains(wanted)).findFirst();
        }

        /**
         * A one-line description for failure messages: status, path, title, heading and visible error. Never the
         * query string nor the form values, which may hold personal data.
         */
        public String describe() {
            StringBuilder text = new StringBuilder().append(status).append(' ').append(uri.getPath());
            if (status >= 300 && status < 400) {
                queryParameter("error").ifPresent(e -> text.append(" error=").append(e));
                return text.toString();
            }
            text.append(" title '").append(title()).append('\'');
            String heading = heading();
            if (!heading.isEmpty()) {
                text.append(" heading '").append(heading).append('\'');
            }
            error().ifPresent(e -> text.append(" error '").append(e).append('\''));
            return text.toString();
        }

        @Override
        public String toString() {
            return "Page[" + describe() + "]";
        }

        private static Map<String, String> fields(String formHtml) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(formHtml);
            while (m.find()) {
                String tag = m.group(1).toLowerCase(Locale.ROOT);
                Map<String, String> attributes = attributes(m.group(2));
                String name = attributes.get("name");
                if (name == null || name.isEmpty() || attributes.containsKey("disabled")) {
                    continue;
                }
                String type = attributes.getOrDefault("type", tag.equals("button") ? "submit" : "text")
                        .toLowerCase(Locale.ROOT);
                // Buttons are only sent when clicked, unchecked boxes never: a caller adds them with Form.with.
                if (tag.equals("button") || type.equals("submit") || type.equals("button") || type.equals("reset")
                        || type.equals("image") || type.equals("file")) {
                    continue;
                }
                if ((type.equals("checkbox") || type.equals("radio")) && !attributes.containsKey("checked")) {
                    continue;
                }
                String value = attributes.get("value");
                if (value == null) {
                    value = type.equals("checkbox") || type.equals("radio") ? "on" : "";
                }
                fields.putIfAbsent(name, value);
            }
            return fields;
        }

        private static final Pattern ATTRIBUTE = Pattern.compile(
                "([^\\s=\"'/>]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

        static Map<String, String> attributes(String tagContent) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher m = ATTRIBUTE.matcher(tagContent);
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value == null ? "" : decodeEntities(value));
            }
            return attributes;
        }

        /** Visible text of an HTML fragment: tags removed, entities decoded, blanks collapsed. */
        static String text(String html) {
            String noTags = html.replaceAll("(?s)<script\\b.*?</script>", " ").replaceAll("(?s)<[^>]*>", " ");
            return decodeEntities(noTags).replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
        }
    }

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);");
    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("rsquo", "\u2019"),
            Map.entry("lsquo", "\u2018"), Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"),
            Map.entry("eacute", "é"), Map.entry("egrave", "è"), Map.entry("ecirc", "ê"), Map.entry("agrave", "à"),
            Map.entry("ccedil", "ç"), Map.entry("hellip", "\u2026"));

    /** Decodes the HTML entities FreeMarker and the Keycloak themes produce (numeric ones and the common named). */
    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                replacement = new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            } else if (entity.startsWith("#")) {
                replacement = new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            } else {
                replacement = NAMED_ENTITIES.getOrDefault(entity, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- forms and links

    /** A form of a page: where it posts and the fields a browser would send (hidden and named inputs). */
    public static final class Form {

        private final String id;
        private final URI action;
        private final String method;
        private final Map<String, String> fields;

        Form(String id, URI action, String method, Map<String, String> fields) {
            this.id = id;
            this.action = action;
            this.method = method;
            this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public String id() {
            return id;
        }

        public URI action() {
            return action;
        }

        public String method() {
            return method;
        }

        /** The fields in page order, values as the page set them. */
        public Map<String, String> fields() {
            return fields;
        }

        public boolean has(String name) {
            return fields.containsKey(name);
        }

        /** A copy of this form with one field set (added when the page did not have it, e.g. a clicked button). */
        public Form with(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(fields);
            copy.put(name, value);
            return new Form(id, action, method, copy);
        }

        @Override
        public String toString() {
            // Field names only: values may be a NIR or a password.
            return "Form[" + id + " " + method + " " + action.getPath() + " " + fields.keySet() + "]";
        }
    }

    /** A link of a page, its visible text and absolute target. */
    public record Link(String id, String text, URI href) {
    }
}
