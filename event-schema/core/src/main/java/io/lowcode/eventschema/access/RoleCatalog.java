package io.lowcode.eventschema.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every role and what it grants: the admin center assigns them and issues them in tokens, the portal adds their
 * grants to a user's direct permissions. Shared, so both compute the same effective permissions; a role's
 * grants change with a release, never at runtime.
 */
public enum RoleCatalog {

    DEVELOPER(Roles.DEVELOPER, "Develops and publishes function units in the workstation",
            "function-unit:*:develop"),
    ADMIN(Roles.ADMIN, "Administers the platform: inventory, deployments, users, roles, permissions, audit",
            "function-unit:*:deploy", "user:*:manage"),
    OPS(Roles.OPS, "Operates the event integration: monitoring, dead letters, alerts",
            "integration:*:operate"),
    USER(Roles.USER, "Uses the portal; runs the function units they are granted"),
    POWER_USER(Roles.POWER_USER, "Runs every deployed function unit in the portal",
            "function-unit:*:execute");

    private final String role;
    private final String description;
    private final List<Permission> grants;

    RoleCatalog(String role, String description, String... grants) {
        this.role = role;
        this.description = description;
        this.grants = Arrays.stream(grants).map(Permission::parse).toList();
    }

    /** The role's name, as in tokens and events. */
    public String role() {
        return role;
    }

    public String description() {
        return description;
    }

    /** The permissions every holder of the role has. */
    public List<Permission> grants() {
        return grants;
    }

    /** The role of that name, if there is one. */
    public static Optional<RoleCatalog> find(String role) {
        return Arrays.stream(values()).filter(r -> r.role.equals(role)).findFirst();
    }

    /**
     * A user's effective permissions: what their roles grant plus their direct grants. Roles the catalog does
     * not know grant nothing.
     */
    public static Set<Permission> effective(Collection<String> roles, Collection<Permission> direct) {
        Set<Permission> all = new LinkedHashSet<>();
        for (String role : roles) {
            find(role).ifPresent(r -> all.addAll(r.grants));
        }
        all.addAll(direct);
        return all;
    }

    /** Whether any of {@code held} allows {@code wanted}. */
    public static boolean allows(Collection<Permission> held, Permission wanted) {
        return held.stream().anyMatch(p -> p.implies(wanted));
    }
}
