package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * One version of the managed configuration: what changed, who, when, why, and how applying it went.
 *
 * @param version     its number
 * @param changedAt   when
 * @param changedBy   who (a user id, or {@code ops-migrator} for an import of the migrator's parameters)
 * @param reason      why
 * @param rollbackOf  the version it restored, or {@code null}
 * @param changes     what changed (key, from, to)
 * @param applyStatus APPLIED, PENDING or FAILED
 * @param apply       per applied item: status (APPLIED, WAITING, FAILED, PUBLISHED) and detail
 */
public record ConfigurationVersion(int version, Instant changedAt, String changedBy, String reason, Integer rollbackOf,
        List<Change> changes, String applyStatus, List<ApplyResult> apply) {

    /** One changed parameter. */
    public record Change(String key, String from, String to) {
    }

    /** How one item was applied. */
    public record ApplyResult(String key, String status, String detail) {
    }
}
