package io.lowcode.admincenter.api;

/**
 * One difference a reconciliation found between a read model and the admin center's state, and how it was repaired.
 *
 * @param readModel {@code portal.permission-cache} or {@code portal.available-functions}
 * @param kind      ACCOUNT_MISSING, ACCOUNT_UNKNOWN, ROLES_DIFFER, PERMISSION_MISSING, PERMISSION_EXTRA,
 *                  FUNCTION_MISSING, FUNCTION_VERSION_DIFFERS or FUNCTION_EXTRA
 * @param subject   the user or function unit id
 * @param detail    what differs, for people (e.g. the permission, or both versions)
 * @param repair    the event type emitted to repair it (operation RECONCILE), or {@code null} when nothing can
 * @param eventId   the id of that event
 */
public record ReconciliationDrift(String readModel, String kind, String subject, String detail, String repair,
                                  String eventId) {
}
