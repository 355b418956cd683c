package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * The retirement of a function unit's deployed version.
 *
 * @param functionUnitId the unit
 * @param version        the version that was live
 * @param retiredAt      when
 * @param reason         why, or {@code null}
 */
public record Retirement(String functionUnitId, String version, Instant retiredAt, String reason) {
}
