package io.lowcode.admincenter.ops.reconciliation.service;

/**
 * One difference between a portal read model and the admin center's state.
 *
 * @param kind       what differs
 * @param subject    the user id or function unit id
 * @param permission the permission, for the permission kinds; else {@code null}
 * @param detail     what differs, for people
 */
public record Drift(Kind kind, String subject, String permission, String detail) {

    /** The kinds of difference, each with the read model it is about. */
    public enum Kind {
        /** The admin center has an active account the portal lacks. */
        ACCOUNT_MISSING(Drift.PERMISSION_CACHE),
        /** The portal has an account the admin center does not know (no event can remove one: reported only). */
        ACCOUNT_UNKNOWN(Drift.PERMISSION_CACHE),
        /** The account's roles differ. */
        ROLES_DIFFER(Drift.PERMISSION_CACHE),
        /** A permission granted in the admin center is missing from the portal. */
        PERMISSION_MISSING(Drift.PERMISSION_CACHE),
        /** The portal holds a permission the admin center does not grant. */
        PERMISSION_EXTRA(Drift.PERMISSION_CACHE),
        /** A deployed function unit is not available in the portal. */
        FUNCTION_MISSING(Drift.AVAILABLE_FUNCTIONS),
        /** The portal offers another version than the deployed one. */
        FUNCTION_VERSION_DIFFERS(Drift.AVAILABLE_FUNCTIONS),
        /** The portal offers a function unit that has no deployment. */
        FUNCTION_EXTRA(Drift.AVAILABLE_FUNCTIONS);

        private final String readModel;

        Kind(String readModel) {
            this.readModel = readModel;
        }

        public String readModel() {
            return readModel;
        }
    }

    public static final String PERMISSION_CACHE = "portal.permission-cache";
    public static final String AVAILABLE_FUNCTIONS = "portal.available-functions";

    /** The same difference seen twice: kind, subject and permission (the detail may name changing versions). */
    public boolean sameAs(Drift other) {
        return kind == other.kind && subject.equals(other.subject) && java.util.Objects.equals(permission,
                other.permission);
    }
}
