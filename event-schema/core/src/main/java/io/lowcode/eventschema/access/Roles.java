package io.lowcode.eventschema.access;

/**
 * Role names as compile-time constants, for {@code @RolesAllowed} and tokens' {@code groups}. What each role
 * grants is {@link RoleCatalog}.
 */
public final class Roles {

    /** Develops function units in the workstation. */
    public static final String DEVELOPER = "developer";
    /** Runs the admin center: inventory, deployments, users, roles, permissions, audit. */
    public static final String ADMIN = "admin";
    /** Operates the integration: monitoring, dead letters, alerts. */
    public static final String OPS = "ops";
    /** Uses the portal: runs the functions it is permitted to. */
    public static final String USER = "user";
    /** A business role: may run every deployed function unit. */
    public static final String POWER_USER = "power-user";

    private Roles() {
    }
}
