package io.lowcode.portal.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An execution and its steps.
 *
 * @param id             execution id
 * @param functionUnitId the function unit
 * @param version        the version that runs
 * @param status         RUNNING, COMPLETED, FAILED or INTERRUPTED
 * @param input          its input
 * @param output         the last step's output once COMPLETED, else {@code null}
 * @param error          why it FAILED or was INTERRUPTED, else {@code null}
 * @param failedStep     the step that failed, or {@code null}
 * @param steps          the steps completed so far, in order (fast steps appear at the next checkpoint)
 * @param startedAt      when it started
 * @param finishedAt     when it ended, or {@code null}
 */
public record ExecutionView(UUID id, UUID functionUnitId, String version, String status, JsonNode input,
        JsonNode output, String error, String failedStep, List<StepView> steps, Instant startedAt, Instant finishedAt) {

    /**
     * One completed step.
     *
     * @param index      its position in the definition
     * @param name       its name
     * @param kind       transform, http, wait, branch
     * @param output     what it produced
     * @param durationMs how long it took
     */
    public record StepView(int index, String name, String kind, JsonNode output, long durationMs) {
    }
}
