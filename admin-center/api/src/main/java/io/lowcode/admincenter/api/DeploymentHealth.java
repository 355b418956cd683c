package io.lowcode.admincenter.api;

import java.time.Instant;
import java.util.List;

/**
 * The health of one live deployment: the deployed version of a function unit, judged by its executions since it
 * was deployed (within the monitoring window).
 *
 * @param functionUnitId  the function unit
 * @param name            its name
 * @param version         the deployed version
 * @param deployedAt      when it was deployed
 * @param deployedBy      who deployed it
 * @param status          {@code HEALTHY}, {@code DEGRADED}, {@code FAILING}, or {@code NO_DATA} while fewer executions
 *                        have finished than the judgement needs
 * @param executions      executions of this version started in the window
 * @param running         of those, still running
 * @param completed       completed
 * @param failed          failed
 * @param interrupted     interrupted (by a retirement or a dead pod: not counted against the version)
 * @param successRate     completed ÷ (completed + failed), or {@code null} when none finished
 * @param p95DurationMs   95th percentile duration of the completed ones, or {@code null}
 * @param evidence        why the status is what it is, one line each, for people
 */
public record DeploymentHealth(String functionUnitId, String name, String version, Instant deployedAt,
        String deployedBy, String status, long executions, long running, long completed, long failed,
        long interrupted, Double successRate, Long p95DurationMs, List<String> evidence) {
}
