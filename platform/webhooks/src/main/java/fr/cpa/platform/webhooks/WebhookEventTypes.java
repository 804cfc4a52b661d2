package fr.cpa.platform.webhooks;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event types a service sends to partners, as a CDI bean it produces: subscriptions may only name these, and
 * {@link Webhooks#enqueue} refuses any other.
 *
 * <pre>{@code
 * @Produces
 * @Singleton
 * static WebhookEventTypes webhookEventTypes() {
 *     return WebhookEventTypes.of("application.submitted", "application.confirmed");
 * }
 * }</pre>
 *
 * Several such beans are merged. A type is lower-case words separated by dots or hyphens.
 */
public final class WebhookEventTypes {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
    private static final int MAX_LENGTH = 100;

    private final Set<String> types;
    private final List<String> ordered;

    private WebhookEventTypes(Set<String> types) {
        this.types = Set.copyOf(types);
        this.ordered = List.copyOf(types);
    }

    public static WebhookEventTypes of(String... types) {
        return of(List.of(types));
    }

    public static WebhookEventTypes of(Collection<String> types) {
        Set<String> kept = new LinkedHashSet<>();
        for (String type : types) {
            if (type == null || type.length() > MAX_LENGTH || !TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("A webhook event type is lower-case words joined by dots or "
                        + "hyphens, at most " + MAX_LENGTH + " characters: " + type);
            }
            kept.add(type);
        }
        return new WebhookEventTypes(kept);
    }

    /** The types of several beans together. */
    public static WebhookEventTypes merge(Collection<WebhookEventTypes> parts) {
        Set<String> all = new LinkedHashSet<>();
        parts.forEach(part -> all.addAll(part.ordered));
        return new WebhookEventTypes(all);
    }

    public boolean contains(String type) {
        return type != null && types.contains(type);
    }

    /** In the order declared. */
    public List<String> names() {
        return ordered;
    }
}
