package io.lowcode.admincenter.api;

/**
 * The execution monitor's figures for one function unit.
 *
 * @param functionUnitId  the unit
 * @param name            its name, when the inventory knows it
 * @param total           executions seen
 * @param running         still running
 * @param completed       completed
 * @param failed          failed
 * @param interrupted     interrupted (retirement, orphaned)
 * @param successRate     completed / finished, or {@code null} before any finished
 * @param p95DurationMs   95th percentile of completed executions' durations, or {@code null}
 * @param meanDurationMs  mean duration of completed executions, or {@code null}
 */
public record ExecutionStats(String functionUnitId, String name, long total, long running, long completed, long failed,
        long interrupted, Double successRate, Long p95DurationMs, Long meanDurationMs) {
}
