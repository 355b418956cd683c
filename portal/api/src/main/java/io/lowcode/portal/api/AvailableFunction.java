package io.lowcode.portal.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A function users can run: the version of a function unit currently deployed, as listed by
 * {@code GET /api/v1/functions}.
 *
 * @param functionUnitId id of the function unit
 * @param name           display name
 * @param version        the deployed version (semver)
 * @param deployedAt     when that version was deployed
 */
public record AvailableFunction(UUID functionUnitId, String name, String version, Instant deployedAt) {
}
