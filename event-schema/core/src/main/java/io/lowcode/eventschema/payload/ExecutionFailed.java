package io.lowcode.eventschema.payload;

/**
 * {@code workflow.execution-failed} v1.
 *
 * @param executionId    id of the execution (the event subject)
 * @param functionUnitId function unit that was executed
 * @param failedStep     name of the failing step, or {@code null} when unknown
 * @param error          error message
 * @param durationMs     elapsed milliseconds
 */
public record ExecutionFailed(String executionId, String functionUnitId, String failedStep, String error,
                              long durationMs) implements EventPayload {

    public ExecutionFailed {
        Payloads.required(executionId, "executionId");
    }
}
