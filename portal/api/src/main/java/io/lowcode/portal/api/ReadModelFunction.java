package io.lowcode.portal.api;

/**
 * One available function as the portal holds it: what reconciliation compares with the admin center's current
 * deployments ({@code GET /api/v1/ops/read-model/functions}).
 *
 * @param functionUnitId the function unit's id (a UUID in the portal; compared as text with the admin center's)
 * @param version        the version users can run
 * @param deploymentId   the admin center's deployment it came from
 */
public record ReadModelFunction(String functionUnitId, String version, String deploymentId) {
}
