package fr.cpa.platform.mail;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The templates a service sends, by name: what the service gives the library, as a CDI bean it produces, so that the
 * sender finds a queued mail's template again.
 *
 * <pre>{@code
 * @Singleton
 * class Mailing {
 *     @Produces
 *     @Singleton
 *     MailTemplates mailTemplates() {
 *         return MailTemplates.of(EnrolmentMail.class);
 *     }
 * }
 * }</pre>
 *
 * A service may produce several such beans (one per module, say): the library takes them all. Two templates of the
 * same name are refused at start.
 */
public final class MailTemplates {

    private final Map<String, MailTemplate> byName;

    private MailTemplates(Map<String, MailTemplate> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The constants of each enum, which must implement {@link MailTemplate}. */
    @SafeVarargs
    public static MailTemplates of(Class<? extends MailTemplate>... enums) {
        Map<String, MailTemplate> templates = new LinkedHashMap<>();
        for (Class<? extends MailTemplate> type : enums) {
            if (!type.isEnum()) {
                throw new IllegalArgumentException("Mail templates are the constants of an enum: " + type.getName()
                        + " is not one");
            }
            add(templates, Arrays.asList(type.getEnumConstants()));
        }
        return new MailTemplates(templates);
    }

    /** The templates of several beans together; a name given twice is refused. */
    public static MailTemplates merge(Collection<MailTemplates> parts) {
        Map<String, MailTemplate> templates = new LinkedHashMap<>();
        for (MailTemplates part : parts) {
            add(templates, part.byName.values());
        }
        return new MailTemplates(templates);
    }

    private static void add(Map<String, MailTemplate> templates, Collection<? extends MailTemplate> more) {
        for (MailTemplate template : more) {
            MailTemplate other = templates.putIfAbsent(template.name(), template);
            if (other != null && other != template) {
                throw new IllegalStateException("Two mail templates are named " + template.name() + ": in "
                        + typeName(other) + " and " + typeName(template));
            }
        }
    }

    private static String typeName(MailTemplate template) {
        return (template instanceof Enum<?> constant ? constant.getDeclaringClass() : template.getClass()).getName();
    }

    public Optional<MailTemplate> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether this very template is one of these (not merely one of the same name). */
    public boolean contains(MailTemplate template) {
        return byName.get(template.name()) == template;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
