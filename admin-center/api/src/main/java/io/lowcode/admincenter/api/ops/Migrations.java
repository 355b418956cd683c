package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/migrations}: the migrator's history as its tables ({@code ops_migrator}) hold it, read-only.
 *
 * @param readable        whether the admin center may read them (the migrator grants its role SELECT after
 *                        {@code migrate}); when not, everything else is empty
 * @param platformRelease where the newest successful run brought the platform, {@code null} before any
 * @param schemas         each module schema's Flyway version ({@code null} where not readable)
 * @param runs            the newest runs with their steps, newest first
 * @param latestReport    the newest report {@code report} wrote, or {@code null}
 */
public record Migrations(boolean readable, String platformRelease, List<SchemaVersion> schemas, List<Run> runs,
        Report latestReport) {

    /** A module schema and its version. */
    public record SchemaVersion(String schema, Integer version) {
    }

    /**
     * One run of the migrator.
     *
     * @param runId   its id
     * @param command migrate, resume, rollback...
     * @param from    release before
     * @param to      release aimed at
     * @param status  RUNNING, SUCCEEDED, FAILED, PAUSED, ROLLED_BACK, INTERRUPTED
     * @param steps   its steps in order
     */
    public record Run(long runId, String command, String from, String to, String status, Instant startedAt,
            Instant endedAt, String reason, String host, List<Step> steps) {
    }

    /**
     * One step of a run.
     *
     * @param progress rows done ÷ rows total for a data step, {@code null} otherwise
     */
    public record Step(String release, String stepId, String kind, String direction, String status, Instant startedAt,
            Instant endedAt, Long rowsDone, Long rowsTotal, Double rowsPerSecond, Double progress, String reason) {
    }

    /**
     * The newest report.
     *
     * @param markdown the report for people
     */
    public record Report(Instant createdAt, String platformRelease, boolean valid, String markdown) {
    }
}
