package io.lowcode.portal.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One available function with its deployment, as {@code GET /api/v1/functions/{id}} answers it.
 *
 * @param functionUnitId id of the function unit
 * @param name           display name
 * @param version        the deployed version (semver)
 * @param environment    where it is deployed, e.g. {@code production}
 * @param deploymentId   id of the deployment in admin-center
 * @param deployedAt     when that version was deployed
 * @param deployedBy     administrator who deployed it
 */
public record AvailableFunctionDetails(UUID functionUnitId, String name, String version, String environment,
                                       String deploymentId, Instant deployedAt, String deployedBy) {
}
