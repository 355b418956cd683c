package io.lowcode.admincenter.ops.configuration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lowcode.admincenter.api.ops.ConfigurationVersion;

/**
 * A row of {@code configuration_version}.
 *
 * @param parameters every managed parameter of this version
 */
public record StoredVersion(int version, Map<String, String> parameters, List<ConfigurationVersion.Change> changes,
        String reason, String changedBy, Instant changedAt, Integer rollbackOf, UUID eventId, String applyStatus,
        List<ConfigurationVersion.ApplyResult> apply) {

    public static final String APPLIED = "APPLIED";
    public static final String PENDING = "PENDING";
    public static final String FAILED = "FAILED";

    public ConfigurationVersion view() {
        return new ConfigurationVersion(version, changedAt, changedBy, reason, rollbackOf, changes, applyStatus, apply);
    }

    public StoredVersion withApply(String status, List<ConfigurationVersion.ApplyResult> results) {
        return new StoredVersion(version, parameters, changes, reason, changedBy, changedAt, rollbackOf, eventId, status,
                results);
    }
}
