package io.lowcode.eventschema.access;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permission written {@code <resource-type>:<resource-id or *>:<action>}, e.g.
 * {@code function-unit:3f2a…:execute} or {@code function-unit:*:execute}. The same grammar as the
 * {@code permission} field of the access events' JSON Schemas.
 *
 * @param resourceType what kind of resource, e.g. {@code function-unit}
 * @param resourceId   one resource's id, or {@link #ANY}
 * @param action       what may be done to it, e.g. {@code execute}
 */
public record Permission(String resourceType, String resourceId, String action) {

    /** The resource id that matches every resource of the type. */
    public static final String ANY = "*";

    /** The longest permission an event accepts. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern GRAMMAR =
            Pattern.compile("^([a-z][a-z0-9-]*):([A-Za-z0-9._-]+|\\*):([a-z][a-z0-9-]*)$");

    public Permission {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(action, "action");
    }

    /**
     * Parses the written form.
     *
     * @throws IllegalArgumentException saying what is wrong, when {@code text} is not a permission
     */
    public static Permission parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be <resource-type>:<resource-id or *>:<action>, "
                    + "e.g. function-unit:*:execute (lower-case type and action; id of letters, digits, . _ -)");
        }
        return new Permission(m.group(1), m.group(2), m.group(3));
    }

    /** The permission to do {@code action} on one resource. */
    public static Permission of(String resourceType, String resourceId, String action) {
        return parse(resourceType + ":" + resourceId + ":" + action);
    }

    /** Whether holding this permission allows {@code wanted}: same type and action, and the same id or {@code *}. */
    public boolean implies(Permission wanted) {
        return resourceType.equals(wanted.resourceType) && action.equals(wanted.action)
                && (resourceId.equals(ANY) || resourceId.equals(wanted.resourceId));
    }

    @Override
    public String toString() {
        return resourceType + ":" + resourceId + ":" + action;
    }
}
